// Package exepages hands back to the kernel the pages of the server's own
// executable that only start-up needed.
//
// Before main runs, the Go runtime initialises every linked package:
// BuildKit's dependency tree alone is some 500 packages (protobuf
// descriptors, gRPC, OpenTelemetry), and the kernel maps the code and
// tables they touch, 64 KiB around each touch. Measured with the real
// corpus open, 21 MB of the 43 MB resident were pages of the executable
// file, most of them touched once at start. They are clean pages of a
// private file mapping: dropping them from the process costs nothing but a
// minor fault when a dropped page is needed again, since the file stays in
// the page cache.
package exepages

// Release drops the resident pages of the executable's read-only mappings
// (code, constant data and the runtime's function tables) from the process.
// A mapping with a page the process wrote to (a debugger's breakpoint) is
// left alone. It returns the number of bytes of mappings released; it
// releases nothing and returns 0 where the platform offers no way to.
func Release() (int64, error) { return release() }
