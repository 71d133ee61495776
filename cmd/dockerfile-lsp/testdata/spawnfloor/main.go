// Command spawnfloor is the floor of the server's start-up time: it reads
// one initialize request, answers it with a constant and then reads until
// its input ends, linking only what its build tag chooses (links_*.go):
// nothing but the Go runtime (floor_runtime), the libraries the server is
// required to use without BuildKit's converter (floor_required), or
// BuildKit's Dockerfile converter, which the server links to run BuildKit's
// checks in-process (no tag). BenchmarkE2ESpawnFloor runs all three.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
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
