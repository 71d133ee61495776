// Command spawnfloor is the floor of the server's start-up time: it links
// BuildKit's Dockerfile converter, as the server does, reads one
// initialize request, answers it with a constant and then reads until its
// input ends. BenchmarkE2ESpawnFloor runs it.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	_ "github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	size := 0
	for {
		line, err := in.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			size, _ = strconv.Atoi(v)
		}
	}
	if _, err := io.ReadFull(in, make([]byte, size)); err != nil {
		return
	}
	const result = `{"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}`
	fmt.Printf("Content-Length: %d\r\n\r\n%s", len(result), result)
	io.Copy(io.Discard, in)
}
