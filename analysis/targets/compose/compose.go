// Package compose reads the builds of a Compose file into a targets.Doc.
package compose

import (
	"gopkg.in/yaml.v3"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/yamlnode"
)

// Parse reads services.<name>.build of a Compose file: a string is the
// context; a mapping has context, dockerfile, dockerfile_inline and target.
// Merge keys (<<: *anchor) are followed, so a build shared through an
// extension field (x-build: &build) is seen in every service that merges it.
func Parse(d *targets.Doc) {
	root, ok := yamlnode.Parse(d, "Compose")
	if !ok || root == nil {
		return
	}
	if root.Kind != yaml.MappingNode {
		d.Problem(yamlnode.Range(d, root), "a Compose file is a mapping with a services key; this one is a %s", yamlnode.KindName(root))
		return
	}
	services := yamlnode.Get(root, "services")
	if services == nil || yamlnode.IsNull(services) {
		return
	}
	if services.Kind != yaml.MappingNode {
		d.Problem(yamlnode.Range(d, services), "services must be a mapping of service names to services, not a %s", yamlnode.KindName(services))
		return
	}
	for _, kv := range yamlnode.Pairs(services) {
		svc := yamlnode.Deref(kv[1])
		if svc == nil || svc.Kind != yaml.MappingNode {
			continue
		}
		build := yamlnode.Get(svc, "build")
		if build == nil || yamlnode.IsNull(build) {
			continue
		}
		b := &targets.Build{Kind: targets.Compose, Name: kv[0].Value, NameRange: yamlnode.ScalarRange(d, kv[0])}
		switch build.Kind {
		case yaml.ScalarNode:
			b.Context = yamlnode.Value(d, build, build)
		case yaml.MappingNode:
			for _, f := range []struct {
				key string
				v   *targets.Value
			}{{"context", &b.Context}, {"dockerfile", &b.Dockerfile}, {"dockerfile_inline", &b.Inline}, {"target", &b.Target}} {
				if k, v := yamlnode.GetPair(build, f.key); v != nil && v.Kind == yaml.ScalarNode {
					*f.v = yamlnode.Value(d, k, v)
				}
			}
		default:
			d.Problem(yamlnode.Range(d, build), "build of service %s must be a path or a mapping, not a %s", b.Name, yamlnode.KindName(build))
			continue
		}
		d.Builds = append(d.Builds, b)
	}
}
