//go:build !floor_runtime && !floor_required

package main

import _ "github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
