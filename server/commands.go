package server

import (
	"context"
	"sort"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// commandHandler runs a workspace/executeCommand command with its raw
// arguments. Register one with handleCommand from a feature's init.
type commandHandler func(s *Server, ctx context.Context, args []protocol.LSPAny) (any, error)

var commands = map[string]commandHandler{}

func handleCommand(name string, fn commandHandler) {
	if _, dup := commands[name]; dup {
		panic("server: two handlers for command " + name)
	}
	commands[name] = fn
}

func init() {
	handleRequestWaitingOnClient(protocol.MethodWorkspaceExecuteCommand, (*Server).executeCommand)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		names := make([]string, 0, len(commands))
		for name := range commands {
			names = append(names, name)
		}
		sort.Strings(names)
		c.ExecuteCommandProvider = protocol.ExecuteCommandOptions{Commands: names}
	})
}

func (s *Server) executeCommand(ctx context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	fn, ok := commands[p.Command]
	if !ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dockerfile-lsp has no command %q", p.Command)
	}
	return fn(s, ctx, p.Arguments)
}
