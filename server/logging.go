package server

import (
	"strings"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// forwardWarnings makes the session's logger also send warnings and errors to
// the client with window/logMessage, where users look (the editor's output
// pane) rather than in stderr. Messages go through a bounded queue and are
// dropped when it is full: logging must never block the server on a client
// that does not read.
func (s *Server) forwardWarnings() {
	queue := make(chan *protocol.LogMessageParams, 64)
	enc := zap.NewDevelopmentEncoderConfig()
	enc.TimeKey, enc.CallerKey, enc.StacktraceKey = "", "", "" // the client stamps its own time
	core := &clientCore{LevelEnabler: zapcore.WarnLevel, enc: zapcore.NewConsoleEncoder(enc), queue: queue}
	s.log = zap.New(zapcore.NewTee(s.log.Core(), core))
	s.wg.Go(func() {
		for {
			select {
			case p := <-queue:
				s.notifyClient(protocol.MethodWindowLogMessage, p)
			case <-s.ctx.Done():
				return
			}
		}
	})
}

type clientCore struct {
	zapcore.LevelEnabler
	enc   zapcore.Encoder
	queue chan<- *protocol.LogMessageParams
}

func (c *clientCore) With(fields []zapcore.Field) zapcore.Core {
	enc := c.enc.Clone()
	for _, f := range fields {
		f.AddTo(enc)
	}
	return &clientCore{LevelEnabler: c.LevelEnabler, enc: enc, queue: c.queue}
}

func (c *clientCore) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if c.Enabled(e.Level) {
		return ce.AddCore(e, c)
	}
	return ce
}

func (c *clientCore) Write(e zapcore.Entry, fields []zapcore.Field) error {
	buf, err := c.enc.EncodeEntry(e, fields)
	if err != nil {
		return err
	}
	p := &protocol.LogMessageParams{Type: protocol.MessageTypeWarning, Message: strings.TrimSpace(buf.String())}
	buf.Free()
	if e.Level >= zapcore.ErrorLevel {
		p.Type = protocol.MessageTypeError
	}
	select {
	case c.queue <- p:
	default: // full: drop rather than block
	}
	return nil
}

func (c *clientCore) Sync() error { return nil }
