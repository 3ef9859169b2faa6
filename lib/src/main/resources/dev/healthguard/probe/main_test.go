package main

// Unit tests for the probe, run by "go test ./..." (lib's ProbeGoTest runs them from Maven). They
// call run, which is main without os.Exit, against servers on the loopback interface.

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// probe runs the program with args and returns its exit code and what it printed.
func probe(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// statusServer answers every request with the given status.
func statusServer(t *testing.T, status int) *httptest.Server {
	t.Helper()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
	}))
	t.Cleanup(server.Close)
	return server
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	address := l.Addr().String()
	l.Close()
	return address
}

func expect(t *testing.T, want int, args ...string) string {
	t.Helper()
	code, stdout, stderr := probe(args...)
	if code != want {
		t.Fatalf("probe %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want, stdout, stderr)
	}
	return stdout + stderr
}

func TestHTTPHealthyIsZero(t *testing.T) {
	server := statusServer(t, http.StatusOK)

	out := expect(t, exitHealthy, "http", server.URL+"/health")

	if !strings.Contains(out, "status 200") {
		t.Errorf("output %q does not name the status", out)
	}
}

func TestHTTPServerErrorIsUnhealthy(t *testing.T) {
	server := statusServer(t, http.StatusServiceUnavailable)

	out := expect(t, exitUnhealthy, "http", server.URL+"/health")

	if !strings.Contains(out, "status 503, want 200-399") {
		t.Errorf("output %q does not explain the failure", out)
	}
}

func TestHTTPNotFoundIsUnhealthy(t *testing.T) {
	expect(t, exitUnhealthy, "http", statusServer(t, http.StatusNotFound).URL+"/missing")
}

func TestHTTPConnectionRefusedIsUnhealthy(t *testing.T) {
	out := expect(t, exitUnhealthy, "http", "http://"+closedPort(t)+"/health")

	if !strings.Contains(out, "refused") {
		t.Errorf("output %q does not say the connection was refused", out)
	}
}

func TestHTTPNoAnswerWithinTheTimeoutIsUnhealthy(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Hold the request until the probe gives up (its timeout closes the connection).
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	t.Cleanup(server.Close)

	started := time.Now()
	out := expect(t, exitUnhealthy, "http", server.URL+"/slow", "-timeout", "200ms")

	if !strings.Contains(out, "no response within 200ms") {
		t.Errorf("output %q does not name the timeout", out)
	}
	if elapsed := time.Since(started); elapsed > 5*time.Second {
		t.Errorf("the probe waited %s despite -timeout 200ms", elapsed)
	}
}

func TestHTTPRedirectsAreFollowedAndTheFinalStatusCounts(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusFound) })
	mux.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc("/to-broken", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/broken", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	server := httptest.NewServer(mux)
	t.Cleanup(server.Close)

	expect(t, exitHealthy, "http", server.URL+"/old")
	expect(t, exitUnhealthy, "http", server.URL+"/to-broken")
}

func TestHTTPStatusRanges(t *testing.T) {
	noContent := statusServer(t, http.StatusNoContent).URL
	teapot := statusServer(t, http.StatusTeapot).URL

	expect(t, exitHealthy, "http", noContent, "-status", "204")
	expect(t, exitHealthy, "http", noContent, "-status", "200-204")
	expect(t, exitUnhealthy, "http", noContent, "-status", "200")
	expect(t, exitUnhealthy, "http", noContent, "-status", "205-299")
	// A flag before the URL works as well as after it.
	expect(t, exitHealthy, "http", "-status", "400-499", teapot)
	expect(t, exitUnhealthy, "http", teapot)
}

func TestHTTPBadStatusRangesAreUsageErrors(t *testing.T) {
	url := statusServer(t, http.StatusOK).URL
	for _, status := range []string{"abc", "200-", "-399", "99", "600", "399-200", "200-399-500"} {
		out := expect(t, exitUsage, "http", url, "-status", status)
		if !strings.Contains(out, "-status") {
			t.Errorf("-status %s: output %q does not name the flag", status, out)
		}
	}
}

func TestHTTPOutputHidesCredentialsAndQueries(t *testing.T) {
	server := statusServer(t, http.StatusInternalServerError)
	withSecrets := strings.Replace(server.URL, "http://", "http://user:hunter2@", 1) + "/health?token=s3cret"

	out := expect(t, exitUnhealthy, "http", withSecrets)

	if strings.Contains(out, "hunter2") || strings.Contains(out, "s3cret") {
		t.Errorf("output %q shows a secret", out)
	}
}

func TestTCPOpenPortIsHealthy(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })

	out := expect(t, exitHealthy, "tcp", l.Addr().String())

	if !strings.Contains(out, "open") {
		t.Errorf("output %q does not say the port is open", out)
	}
}

func TestTCPClosedPortIsUnhealthy(t *testing.T) {
	out := expect(t, exitUnhealthy, "tcp", closedPort(t), "-timeout", "2s")

	if !strings.Contains(out, "refused") {
		t.Errorf("output %q does not say the connection was refused", out)
	}
}

func TestInstallCopiesThisProgramWithMode0555(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "volume", "nested", "probe")

	expect(t, exitHealthy, "install", dest)

	info, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o555 || !info.Mode().IsRegular() {
		t.Errorf("mode %v, want a regular file with mode 0555", info.Mode())
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(self)
	got, _ := os.ReadFile(dest)
	if len(want) == 0 || !bytes.Equal(want, got) {
		t.Errorf("the installed file (%d bytes) is not a copy of this program (%d bytes)", len(got), len(want))
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".probe-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestInstallReplacesAnEarlierCopy(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(dest, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	expect(t, exitHealthy, "install", dest)

	if got, _ := os.ReadFile(dest); string(got) == "old" {
		t.Error("the earlier file was kept")
	}
}

func TestUsageErrorsExitTwoWithTheUsageText(t *testing.T) {
	cases := [][]string{
		{},
		{"ping"},
		{"http"},
		{"http", "http://127.0.0.1:1/", "http://127.0.0.1:2/"},
		{"http", "ftp://127.0.0.1/"},
		{"http", "/health"},
		{"http", "http://127.0.0.1:1/", "-timeout", "0s"},
		{"http", "http://127.0.0.1:1/", "-timeout", "soon"},
		{"http", "http://127.0.0.1:1/", "-verbose"},
		{"tcp"},
		{"tcp", "localhost"},
		{"tcp", ":5432"},
		{"tcp", "localhost:postgres"},
		{"tcp", "localhost:70000"},
		{"install"},
		{"install", "relative/probe"},
		{"sleep", "10"},
	}
	for _, args := range cases {
		code, stdout, stderr := probe(args...)
		if code != exitUsage {
			t.Errorf("probe %q: exit %d, want %d (stdout %q)", args, code, exitUsage, stdout)
		}
		if !strings.Contains(stderr, "usage:") {
			t.Errorf("probe %q: stderr %q lacks the usage text", args, stderr)
		}
	}
}

func TestHelpPrintsTheUsageAndSucceeds(t *testing.T) {
	out := expect(t, exitHealthy, "help")

	for _, sub := range []string{"install", "http", "tcp", "sleep"} {
		if !strings.Contains(out, "probe "+sub) {
			t.Errorf("usage %q does not describe %s", out, sub)
		}
	}
}

func TestSleepEndsOnSIGTERM(t *testing.T) {
	ready := make(chan struct{})
	sleeping = func() { close(ready) }
	t.Cleanup(func() { sleeping = func() {} })
	done := make(chan int, 1)
	go func() { done <- run([]string{"sleep"}, &bytes.Buffer{}, &bytes.Buffer{}) }()

	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		t.Fatal("sleep never installed its signal handlers")
	}
	select {
	case code := <-done:
		t.Fatalf("sleep returned %d before any signal", code)
	case <-time.After(100 * time.Millisecond):
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	select {
	case code := <-done:
		if code != exitHealthy {
			t.Errorf("sleep exited %d after SIGTERM, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sleep did not end within 10s of SIGTERM")
	}
}

func TestParseStatusRange(t *testing.T) {
	for text, want := range map[string]statusRange{"200": {200, 200}, "200-399": {200, 399}, "100-599": {100, 599}} {
		got, err := parseStatusRange(text)
		if err != nil || got != want {
			t.Errorf("parseStatusRange(%q) = %v, %v; want %v", text, got, err, want)
		}
	}
	r := statusRange{200, 399}
	for code, want := range map[int]bool{199: false, 200: true, 302: true, 399: true, 400: false} {
		if r.contains(code) != want {
			t.Errorf("200-399 contains %s: %v, want %v", strconv.Itoa(code), !want, want)
		}
	}
}
