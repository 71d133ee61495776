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
// goes on. It also fixes what jsonrpc2 gets wrong about invalid requests:
// a request whose id is null is one (jsonrpc2 reads it as a notification and
// never answers), and so is a batch member that is valid JSON but not an
// object (jsonrpc2 answers ParseError).
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
		if isBatch(frame) {
			return normaliseBatch(frame), n, nil
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

// isBatch reports whether frame is a JSON array, which jsonrpc2 handles
// member by member once normaliseBatch has marked the invalid ones.
func isBatch(frame []byte) bool {
	trimmed := bytes.TrimSpace(frame)
	return len(trimmed) > 0 && trimmed[0] == '[' && json.Valid(trimmed)
}

// invalidMember is what an invalid batch member becomes: an object jsonrpc2
// answers with InvalidRequest and a null id, as JSON-RPC 2.0 requires.
var invalidMember = json.RawMessage(`{}`)

// normaliseBatch replaces the members of a batch that are not requests,
// notifications or responses (numbers, strings, requests with a null id)
// by invalidMember, so each gets its own InvalidRequest error in the
// response array. An empty batch is left alone: jsonrpc2 answers it with
// one InvalidRequest error, as the specification says.
func normaliseBatch(frame []byte) []byte {
	var members []json.RawMessage
	if json.Unmarshal(frame, &members) != nil {
		return frame
	}
	changed := false
	for i, m := range members {
		if m[0] != '{' || hasNullID(m) {
			members[i] = invalidMember
			changed = true
		}
	}
	if !changed {
		return frame
	}
	out, err := json.Marshal(members)
	if err != nil {
		return frame
	}
	return out
}

// hasNullID reports whether msg is a request with "id": null, which
// JSON-RPC 2.0 treats as an invalid request rather than a notification.
func hasNullID(msg []byte) bool {
	v, err := jsonrpc2.ScanMessageView(msg)
	return err == nil && nullIDRequest(v)
}

func nullIDRequest(v jsonrpc2.MessageView) bool {
	return v.Kind == jsonrpc2.MessageViewNotification && bytes.Equal(v.IDRaw, []byte("null"))
}

// checkFrame returns the error response to send for a single message that
// jsonrpc2 would choke on or leave unanswered, or nil when it is fine.
func checkFrame(frame []byte) []byte {
	trimmed := bytes.TrimSpace(frame)
	if len(trimmed) > 0 && trimmed[0] != '[' {
		if v, err := jsonrpc2.ScanMessageView(trimmed); err == nil && !nullIDRequest(v) {
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
