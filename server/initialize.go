package server

import (
	"context"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// The lifecycle: initialize, initialized, ... shutdown, exit; and
// $/cancelRequest, which may arrive at any time.
func init() {
	handleInlineRequest(protocol.MethodInitialize, (*Server).initialize)
	handleNotification(protocol.MethodInitialized, (*Server).initialized)
	handleInlineRequest(protocol.MethodShutdown, (*Server).shutdown)
	handleNotification(protocol.MethodExit, (*Server).exit)
	handleNotification(protocol.MethodCancelRequest, (*Server).cancel)
}

// initialize runs on the read goroutine, so every later message already
// sees the negotiated capabilities.
func (s *Server) initialize(ctx context.Context, p *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	s.client = newClientCaps(p)
	cfg, ok, err := parseSettings(p.InitializationOptions)
	if err != nil {
		// window/showMessage is one of the few messages allowed before the
		// initialize result.
		s.warnUser(fmt.Sprintf("dockerfile-lsp: some initializationOptions were ignored: %v", err))
	}
	if ok {
		s.config.Store(cfg)
		s.warnUnknownRules(cfg)
	}
	s.state.Store(stateRunning)
	s.startWorkspace(p)
	s.log.Info("initialized",
		zap.String("client", p.ClientInfo.Name),
		zap.String("positionEncoding", string(s.client.enc.kind())))
	return &protocol.InitializeResult{
		Capabilities: serverCapabilities(s.client),
		ServerInfo:   protocol.ServerInfo{Name: "dockerfile-lsp", Version: protocol.NewOptional(s.opts.Version)},
	}, nil
}

func (s *Server) initialized(ctx context.Context, _ *protocol.InitializedParams) {
	if s.opts.Initialized != nil {
		s.wg.Go(s.opts.Initialized)
	}
	s.watchTargetFiles()
	s.watchContextFiles()
	if s.client.ConfigurationPull {
		s.wg.Go(s.pullConfiguration)
	}
}

// shutdown stops all background work; the client then sends exit.
func (s *Server) shutdown(ctx context.Context, _ *noParams) (any, error) {
	s.state.Store(stateShutDown)
	s.diag.cancelAll()
	return nil, nil
}

func (s *Server) exit(ctx context.Context, _ *noParams) {
	code := 0
	if s.state.Swap(stateExited) != stateShutDown {
		code = 1
	}
	select {
	case s.exited <- code:
	default: // a second exit changes nothing
	}
}

func (s *Server) cancel(ctx context.Context, p *protocol.CancelParams) {
	switch id := p.ID.(type) {
	case protocol.Integer:
		s.cancelRequest(jsonrpc2.NewNumberID(int64(id)))
	case protocol.String:
		s.cancelRequest(jsonrpc2.NewStringID(string(id)))
	}
}
