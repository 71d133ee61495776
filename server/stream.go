package server

import (
	"bytes"
	"context"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// frameStream is a jsonrpc2.Stream with raw frame access, which the built-in
// framers provide and jsonrpc2.Conn uses when it is there.
type frameStream interface {
	jsonrpc2.Stream
	ReadFrame(ctx context.Context) ([]byte, int64, error)
	WriteFrame(ctx context.Context, data []byte) (int64, error)
}

// tolerantStream answers malformed messages itself. jsonrpc2.Conn treats a
// frame it cannot decode as a broken stream and ends the connection; a
// well-framed message with bad JSON, or JSON that is not a JSON-RPC message,
// deserves an error response (ParseError or InvalidRequest) and the session
// goes on.
type tolerantStream struct {
	frameStream
	log *zap.Logger
}

func (s *tolerantStream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		frame, n, err := s.frameStream.ReadFrame(ctx)
		if err != nil {
			return frame, n, err
		}
		reply := checkFrame(frame)
		if reply == nil {
			return frame, n, nil
		}
		s.log.Warn("malformed message", zap.ByteString("message", truncate(frame, 200)))
		if _, err := s.frameStream.WriteFrame(ctx, reply); err != nil {
			return nil, 0, err
		}
	}
}

// checkFrame returns the error response to send for a frame jsonrpc2 would
// choke on, or nil when the frame is fine.
func checkFrame(frame []byte) []byte {
	trimmed := bytes.TrimSpace(frame)
	if len(trimmed) > 0 && trimmed[0] == '[' && json.Valid(trimmed) {
		return nil // a batch: jsonrpc2 answers bad members itself
	}
	if len(trimmed) > 0 && trimmed[0] != '[' {
		if _, err := jsonrpc2.DecodeMessage(trimmed); err == nil {
			return nil
		}
	}
	if !json.Valid(trimmed) {
		return jsonrpc2.AppendResponse(nil, jsonrpc2.ID{}, nil,
			jsonrpc2.NewError(jsonrpc2.ParseError, "the message is not valid JSON"))
	}
	return jsonrpc2.AppendResponse(nil, idOf(trimmed), nil,
		jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the message is not a JSON-RPC 2.0 request, notification or response"))
}

// idOf digs the id out of an invalid request so the client can match the
// error to its call; it is null when there is none.
func idOf(frame []byte) jsonrpc2.ID {
	var m struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(frame, &m) != nil {
		return jsonrpc2.ID{}
	}
	switch id := m.ID.(type) {
	case string:
		return jsonrpc2.NewStringID(id)
	case float64:
		if id == float64(int64(id)) {
			return jsonrpc2.NewNumberID(int64(id))
		}
	}
	return jsonrpc2.ID{}
}

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
