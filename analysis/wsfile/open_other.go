//go:build !unix

package wsfile

import "os"

// open opens a file for reading; Read has checked that it is a regular file.
func open(p string) (*os.File, error) { return os.Open(p) }
