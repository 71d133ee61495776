//go:build unix

package wsfile

import (
	"os"
	"syscall"
)

// open opens a file for reading without waiting: should a FIFO have taken
// the place of the regular file since it was looked at, opening it returns
// at once instead of blocking until a writer comes.
func open(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
