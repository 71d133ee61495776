// Command server is the program the example Dockerfile builds.
package main

import (
	"fmt"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "hello") })
	http.ListenAndServe(":8080", nil)
}
