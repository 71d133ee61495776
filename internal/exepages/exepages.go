// Package exepages hands back to the kernel the code pages of the server's
// own executable that only start-up ran.
//
// Before main runs, the Go runtime initialises every linked package:
// BuildKit's dependency tree alone is some 500 packages (protobuf
// descriptors, gRPC, OpenTelemetry), and the kernel maps the code they run,
// 64 KiB around each page touched. With the real corpus open, 21 MB of the
// 43 MB resident were pages of the executable file, 10.7 MB of them code,
// of which serving needs about half. Code pages are clean pages of a
// private file mapping: dropping them from the process costs a minor fault
// when one is needed again, the file staying in the page cache. The
// constant data and the runtime's function tables are left alone: with the
// corpus open, serving had touched nearly all of them again (stack scans
// and stack growth look functions up there), so dropping them only cost
// faults.
package exepages

// Release drops the resident pages of the executable's code from the
// process. A code mapping holding a page the process wrote to (a debugger's
// breakpoint) is left alone. It returns the number of bytes of mappings
// released; it releases nothing and returns 0 where the platform offers no
// way to.
func Release() (int64, error) { return release() }
