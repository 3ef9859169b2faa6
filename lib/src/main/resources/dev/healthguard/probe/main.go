// Command probe runs an ECS container health check in an image that has nothing to run one with:
// no shell, no curl, no wget (scratch, distroless, cgr.dev/chainguard/static, ko's default base).
//
// HealthGuard injects it in one of two ways. An init container runs "probe install <dest>" to copy
// this binary onto a volume the application container mounts, and the application's health check
// becomes ["CMD", "<dest>", "http", "http://localhost:8080/health"]: the CMD form is executed
// directly, so the image needs no /bin/sh. Or an essential sidecar runs "probe sleep" and carries the
// health check itself, reaching the application over the task's shared localhost (awsvpc).
//
// Exit codes follow Docker's health-check contract: 0 healthy, 1 unhealthy, and 2 for a usage error,
// which Docker reserves and treats as unhealthy, so a misconfigured check can never pass.
//
// It uses only the standard library and must build with Go 1.19 (CGO_ENABLED=0 gives a static
// binary that runs on scratch).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	exitHealthy   = 0
	exitUnhealthy = 1
	exitUsage     = 2

	defaultTimeout = 3 * time.Second
	defaultStatus  = "200-399"
)

const usageText = `usage:
  probe install <dest>                                  copy this program to <dest> (mode 0555)
  probe http <url> [-timeout 3s] [-status 200-399]      exit 0 iff the HTTP status is in range
  probe tcp <host:port> [-timeout 3s]                   exit 0 iff a TCP connection opens
  probe sleep                                           wait for SIGTERM or SIGINT (sidecar)
`

// usageError is a mistake in the arguments; it exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...interface{}) error {
	return usageError{fmt.Sprintf(format, args...)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "probe: missing subcommand\n"+usageText)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "install":
		err = install(args[1:], stdout)
	case "http":
		err = httpCheck(args[1:], stdout)
	case "tcp":
		err = tcpCheck(args[1:], stdout)
	case "sleep":
		err = sleep(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usageText)
		return exitHealthy
	default:
		err = usagef("unknown subcommand %q", args[0])
	}
	if err == nil {
		return exitHealthy
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "probe %s: %s\n%s", args[0], ue.msg, usageText)
		return exitUsage
	}
	fmt.Fprintf(stdout, "probe %s: %s\n", args[0], err)
	return exitUnhealthy
}

// parseInterspersed parses flags that may come before or after the positional arguments
// ("http <url> -timeout 5s" reads naturally; the flag package alone stops at the first positional).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// Our own usage text is printed once, by run.
	fs.SetOutput(io.Discard)
	return fs
}

func install(args []string, stdout io.Writer) error {
	positional, err := parseInterspersed(newFlagSet("install"), args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		return usagef("want exactly one destination path, got %d arguments", len(positional))
	}
	dest := positional[0]
	if !filepath.IsAbs(dest) {
		return usagef("destination %q must be an absolute path", dest)
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find this program's own file: %v", err)
	}
	src, err := os.Open(self)
	if err != nil {
		return fmt.Errorf("cannot read this program's own file: %v", err)
	}
	defer src.Close()

	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %v", dir, err)
	}
	// Write beside the destination and rename into place: a rename is atomic, so a container that
	// starts while this runs sees either no file or the whole file, never half a binary.
	tmp, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %v (the volume must be writable by this user; "+
			"the probe image declares it as a VOLUME owned by 65532)", dir, err)
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if _, err := io.Copy(tmp, src); err != nil {
		return fmt.Errorf("cannot copy to %s: %v", tmpName, err)
	}
	// 0555: every user may run it (the application may run as any uid), nobody may change it.
	if err := tmp.Chmod(0o555); err != nil {
		return fmt.Errorf("cannot set the mode of %s: %v", tmpName, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot flush %s: %v", tmpName, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot close %s: %v", tmpName, err)
	}
	if err := os.Rename(tmpName, dest); err != nil {
		return fmt.Errorf("cannot move the probe to %s: %v", dest, err)
	}
	ok = true
	fmt.Fprintf(stdout, "installed %s\n", dest)
	return nil
}

// statusRange is an inclusive range of HTTP status codes.
type statusRange struct{ low, high int }

func parseStatusRange(s string) (statusRange, error) {
	lowText, highText := s, s
	if i := strings.IndexByte(s, '-'); i >= 0 {
		lowText, highText = s[:i], s[i+1:]
	}
	low, err1 := strconv.Atoi(lowText)
	high, err2 := strconv.Atoi(highText)
	if err1 != nil || err2 != nil {
		return statusRange{}, usagef("-status %q: want a code like 200 or a range like 200-399", s)
	}
	if low < 100 || high > 599 || low > high {
		return statusRange{}, usagef("-status %q: codes must be within 100-599, low before high", s)
	}
	return statusRange{low, high}, nil
}

func (r statusRange) contains(code int) bool { return code >= r.low && code <= r.high }

// safeURL is how a URL is printed: scheme, host and path only. Docker keeps the check's output and
// ECS shows it in DescribeTasks, so user info (passwords) and query strings (tokens) never appear.
func safeURL(u *url.URL) string {
	s := u.Scheme + "://" + u.Host + u.EscapedPath()
	if u.RawQuery != "" {
		s += "?…"
	}
	return s
}

func httpCheck(args []string, stdout io.Writer) error {
	fs := newFlagSet("http")
	timeout := fs.Duration("timeout", defaultTimeout, "")
	status := fs.String("status", defaultStatus, "")
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		return usagef("want exactly one URL, got %d arguments", len(positional))
	}
	if *timeout <= 0 {
		return usagef("-timeout %s: must be positive", *timeout)
	}
	want, err := parseStatusRange(*status)
	if err != nil {
		return err
	}
	target, err := url.Parse(positional[0])
	if err != nil || (target.Scheme != "http" && target.Scheme != "https") || target.Host == "" {
		// The URL itself is not echoed: it may hold a secret.
		return usagef("want an absolute http:// or https:// URL")
	}

	client := &http.Client{
		Timeout: *timeout,
		Transport: &http.Transport{
			// A health check probes this task, never a proxy from the environment.
			Proxy:             nil,
			DisableKeepAlives: true,
		},
	}
	req, err := http.NewRequest(http.MethodGet, target.String(), nil)
	if err != nil {
		return usagef("want an absolute http:// or https:// URL")
	}
	req.Header.Set("User-Agent", "healthguard-probe")
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %s", safeURL(target), describeHTTPError(err, *timeout))
	}
	// The body is not read: only the status matters, and it could be large or hold secrets.
	resp.Body.Close()
	if !want.contains(resp.StatusCode) {
		return fmt.Errorf("GET %s: status %d, want %d-%d", safeURL(target), resp.StatusCode, want.low, want.high)
	}
	fmt.Fprintf(stdout, "GET %s: status %d\n", safeURL(target), resp.StatusCode)
	return nil
}

// describeHTTPError drops the URL that net/http puts into its errors (after a redirect it may be
// one the user never wrote, with credentials in it) and keeps the cause.
func describeHTTPError(err error, timeout time.Duration) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Sprintf("no response within %s", timeout)
		}
		return ue.Err.Error()
	}
	return err.Error()
}

func tcpCheck(args []string, stdout io.Writer) error {
	fs := newFlagSet("tcp")
	timeout := fs.Duration("timeout", defaultTimeout, "")
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		return usagef("want exactly one host:port, got %d arguments", len(positional))
	}
	if *timeout <= 0 {
		return usagef("-timeout %s: must be positive", *timeout)
	}
	address := positional[0]
	host, port, err := net.SplitHostPort(address)
	if err != nil || host == "" {
		return usagef("%q: want host:port, such as localhost:5432", address)
	}
	// A numeric port only: scratch images have no /etc/services to look a name up in.
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return usagef("%q: the port must be a number from 1 to 65535", address)
	}
	conn, err := net.DialTimeout("tcp", address, *timeout)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return fmt.Errorf("connect %s: no answer within %s", address, *timeout)
		}
		return fmt.Errorf("connect %s: %v", address, unwrapOp(err))
	}
	conn.Close()
	fmt.Fprintf(stdout, "connect %s: open\n", address)
	return nil
}

// unwrapOp keeps the cause of a net.OpError ("connection refused") without repeating the address.
func unwrapOp(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err
	}
	return err
}

// sleep blocks until the task stops the sidecar. As a container's PID 1 the process gets no default
// signal handling from the kernel, so it must handle SIGTERM itself or ECS waits for the stop
// timeout and then kills it.
func sleep(args []string) error {
	positional, err := parseInterspersed(newFlagSet("sleep"), args)
	if err != nil {
		return err
	}
	if len(positional) != 0 {
		return usagef("takes no arguments, got %d", len(positional))
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	sleeping()
	<-signals
	return nil
}

// sleeping is called once the signal handlers are in place, so a test knows when a SIGTERM will
// be caught rather than kill the process.
var sleeping = func() {}
