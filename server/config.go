package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
)

// section is the settings section clients keep our configuration under.
const section = "dockerfile-lsp"

// settings are the user's choices, from initializationOptions,
// workspace/didChangeConfiguration or workspace/configuration.
type settings struct {
	Check  check.Config
	Format formatSettings // see format.go
	// Context is the build context folder of every Dockerfile, relative to
	// the first workspace folder; empty: each Dockerfile's own (context.go).
	Context string
}

func init() {
	handleNotification(protocol.MethodWorkspaceDidChangeConfiguration, (*Server).didChangeConfiguration)
}

// didChangeConfiguration takes the settings pushed with the notification, or
// pulls them when the client sent none (eglot sends params: null; VS Code
// sends {settings: null} and expects a pull).
func (s *Server) didChangeConfiguration(ctx context.Context, p *protocol.DidChangeConfigurationParams) {
	cfg, ok, err := parseSettings(p.Settings)
	if err != nil {
		s.warnUser(fmt.Sprintf("dockerfile-lsp: some settings were ignored: %v", err))
	}
	switch {
	case ok:
		s.applySettings(cfg)
	case s.client.ConfigurationPull:
		s.wg.Go(s.pullConfiguration)
	}
}

// pullConfiguration asks the client for our section. It runs on its own
// goroutine: a call to the client from the read goroutine would deadlock, as
// the answer could never be read.
func (s *Server) pullConfiguration() {
	sec := section
	var result []protocol.LSPAny
	err := protocol.Call(s.ctx, s.conn, protocol.MethodWorkspaceConfiguration,
		&protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{{Section: &sec}}}, &result)
	if err != nil || len(result) == 0 {
		s.log.Debug("no configuration from the client", zap.Error(err))
		return
	}
	cfg, ok, err := parseSettings(result[0])
	if err != nil {
		s.warnUser(fmt.Sprintf("dockerfile-lsp: some settings were ignored: %v", err))
	}
	if ok {
		s.applySettings(cfg)
	}
}

// applySettings stores cfg and, when it changed anything, analyses every
// open document again.
func (s *Server) applySettings(cfg *settings) {
	if reflect.DeepEqual(s.config.Load(), cfg) {
		return
	}
	s.config.Store(cfg)
	s.log.Info("settings changed", zap.Any("severity", cfg.Check.Severity), zap.String("target", cfg.Check.Target))
	s.warnUnknownRules(cfg)
	for key, doc := range s.docs.all() {
		s.scheduleDiagnostics(key, doc, 0)
	}
}

// parseSettings reads {"severity": {"Rule": "level"}, "target": "stage",
// "buildArgs": {"NAME": "value"}, "format": {...}, "context": "folder"},
// either as it is or under a "dockerfile-lsp" key. ok is false when raw holds
// no settings of ours at all (null, absent, or an object without our keys),
// so the caller can keep what it has. Bad entries are left out and reported
// in err; the rest still applies.
func parseSettings(raw protocol.LSPAny) (cfg *settings, ok bool, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, false, nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, false, fmt.Errorf("settings must be a JSON object: %w", err)
	}
	if inner, nested := top[section]; nested {
		top = nil
		if err := json.Unmarshal(inner, &top); err != nil {
			return nil, false, fmt.Errorf("%q must be a JSON object: %w", section, err)
		}
		if top == nil {
			return &settings{}, true, nil // an explicit null section resets
		}
	} else if !hasAny(top, "severity", "target", "format", "buildArgs", "context") {
		return nil, false, nil
	}

	cfg = &settings{}
	var problems []string
	if t, has := top["target"]; has && !bytes.Equal(t, []byte("null")) {
		if err := json.Unmarshal(t, &cfg.Check.Target); err != nil {
			problems = append(problems, "target must be a stage name")
		}
	}
	if sev, has := top["severity"]; has && !bytes.Equal(sev, []byte("null")) {
		var levels map[string]string
		if err := json.Unmarshal(sev, &levels); err != nil {
			problems = append(problems, `severity must map rule names to "off", "hint", "information", "warning" or "error"`)
		}
		for rule, level := range levels {
			v, valid := analysis.ParseSeverity(strings.ToLower(strings.TrimSpace(level)))
			if !valid {
				problems = append(problems, fmt.Sprintf("%s: unknown severity %q", rule, level))
				continue
			}
			if cfg.Check.Severity == nil {
				cfg.Check.Severity = map[string]analysis.Severity{}
			}
			cfg.Check.Severity[rule] = v
		}
	}
	if a, has := top["buildArgs"]; has && !bytes.Equal(a, []byte("null")) {
		if err := json.Unmarshal(a, &cfg.Check.BuildArgs); err != nil {
			problems = append(problems, "buildArgs must map build argument names to string values")
		}
	}
	if c, has := top["context"]; has && !bytes.Equal(c, []byte("null")) {
		if err := json.Unmarshal(c, &cfg.Context); err != nil {
			problems = append(problems, "context must be a folder path")
		}
	}
	if f, has := top["format"]; has && !bytes.Equal(f, []byte("null")) {
		if err := json.Unmarshal(f, &cfg.Format); err != nil {
			problems = append(problems, `format must be {"keepIndent": true|false}`)
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		err = fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return cfg, true, err
}

// hasAny reports whether m holds one of keys.
func hasAny(m map[string]json.RawMessage, keys ...string) bool {
	for _, k := range keys {
		if _, has := m[k]; has {
			return true
		}
	}
	return false
}

// warnUnknownRules shows the rule names of the severity settings that name
// no rule: a typo would otherwise silently do nothing.
func (s *Server) warnUnknownRules(cfg *settings) {
	if bad := cfg.Check.UnknownRules(); len(bad) > 0 {
		s.warnUser("dockerfile-lsp: severity: " + strings.Join(bad, "; "))
	}
}

// warnUser shows a warning in the editor and logs it.
func (s *Server) warnUser(msg string) {
	s.log.Warn(msg)
	s.notifyClient(protocol.MethodWindowShowMessage, &protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: msg})
}
