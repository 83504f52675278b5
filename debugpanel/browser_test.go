package debugpanel_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBrowser drives headless Chromium over the bookstore example's site
// (go run ./examples/bookstore -serve): it loads pages, opens the panel,
// checks the query list, the duplicate grouping and the N+1 warning,
// clicks EXPLAIN and reads the plan, and saves a screenshot of the panel.
// It runs with DJORM_BROWSER=1 (.ci/browser installs chromium and
// chromium-driver and sets it); DJORM_BROWSER_SCREENSHOT names the PNG
// (default: in the test's temporary directory).
func TestBrowser(t *testing.T) {
	if os.Getenv("DJORM_BROWSER") != "1" {
		t.Skip("set DJORM_BROWSER=1 to run the panel in headless Chromium (.ci/browser does)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	site := startBookstore(t, ctx)
	wd := startChromeDriver(t)
	b := wd.newSession(t)

	// The application's pages, requested by the browser through the
	// panel's middleware.
	for _, path := range []string{"/books/n-plus-one", "/books", "/authors"} {
		b.open(t, site+path)
	}
	b.open(t, site+"/__djorm/")
	index := b.text(t, b.find(t, "#requests", ""))
	for _, path := range []string{"GET /books/n-plus-one", "GET /books", "GET /authors"} {
		if !strings.Contains(index, path) {
			t.Fatalf("the index does not list %s:\n%s", path, index)
		}
	}
	b.click(t, b.find(t, `//tr[contains(@class, "request")]//a[contains(., "/books/n-plus-one")]`, "xpath"))

	if got := b.text(t, b.find(t, "#query-count", "")); got != "7" {
		t.Errorf("the N+1 page ran %s queries, want 7 (the books, then each one's author)", got)
	}
	if n := len(b.findAll(t, "#queries tr.query")); n != 7 {
		t.Errorf("%d query rows, want 7", n)
	}
	if n := len(b.findAll(t, "#duplicates tr.dup-group")); n != 3 {
		t.Errorf("%d duplicate groups, want 3 (each of 3 authors read twice)", n)
	}
	warning := b.text(t, b.find(t, ".warning.nplusone", ""))
	for _, want := range []string{"N+1 queries", "6 times", "bookstore/serve.go:", `SelectRelated("author")`} {
		if !strings.Contains(warning, want) {
			t.Errorf("the N+1 warning lacks %q: %s", want, warning)
		}
	}
	shot := screenshotPath(t)
	b.screenshot(t, shot)

	b.click(t, b.find(t, "#q1 button.explain", ""))
	plan := b.text(t, b.find(t, "#explain", ""))
	if !strings.Contains(plan, "author") || !regexp.MustCompile(`SEARCH|SCAN`).MatchString(plan) {
		t.Errorf("EXPLAIN shows no SQLite plan for the author query: %q", plan)
	}
	if errs := b.findAll(t, "#explain .explain-error"); len(errs) > 0 {
		t.Errorf("EXPLAIN failed: %s", b.text(t, errs[0]))
	}
	b.screenshot(t, strings.TrimSuffix(shot, ".png")+"-explain.png")
}

func screenshotPath(t *testing.T) string {
	if p := os.Getenv("DJORM_BROWSER_SCREENSHOT"); p != "" {
		return p
	}
	return filepath.Join(t.TempDir(), "panel.png")
}

// startBookstore builds and runs the example with -serve on a free port
// and returns its base URL, read from the line it prints.
func startBookstore(t *testing.T, ctx context.Context) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bookstore")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "../examples/bookstore").CombinedOutput(); err != nil {
		t.Fatalf("building the example: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-serve", "127.0.0.1:0")
	line := startAndRead(t, cmd, regexp.MustCompile(`serving the bookstore at (http://[^/ ]+)/`))
	return line[1]
}

type webDriver struct {
	base   string
	client *http.Client
}

// startChromeDriver runs chromedriver on a free port and waits for the
// line saying it listens.
func startChromeDriver(t *testing.T) *webDriver {
	t.Helper()
	path := os.Getenv("DJORM_CHROMEDRIVER")
	if path == "" {
		var err error
		if path, err = exec.LookPath("chromedriver"); err != nil {
			t.Fatalf("no chromedriver on PATH: install chromium-driver (.ci/browser does) or set DJORM_CHROMEDRIVER")
		}
	}
	port := freePort(t)
	cmd := exec.Command(path, "--port="+strconv.Itoa(port))
	startAndRead(t, cmd, regexp.MustCompile(`started successfully`))
	return &webDriver{base: fmt.Sprintf("http://127.0.0.1:%d", port), client: &http.Client{Timeout: time.Minute}}
}

// startAndRead starts cmd and returns the submatches of the first line of
// its output that matches re; the process is killed when the test ends
// (after the WebDriver session is closed, so not by a context).
func startAndRead(t *testing.T, cmd *exec.Cmd, re *regexp.Regexp) []string {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", cmd.Path, err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, out) }() // keep the pipe drained
			return m
		}
	}
	t.Fatalf("%s ended without printing a line matching %s", cmd.Path, re)
	return nil
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// call sends one W3C WebDriver command and decodes its value.
func (wd *webDriver) call(t *testing.T, method, path string, body, value any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		buf, _ := json.Marshal(body)
		rd = bytes.NewReader(buf)
	}
	req, _ := http.NewRequest(method, wd.base+path, rd)
	req.Header.Set("Content-Type", "application/json")
	resp, err := wd.client.Do(req)
	if err != nil {
		t.Fatalf("webdriver %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("webdriver %s %s: %s: %s", method, path, resp.Status, raw)
	}
	var env struct{ Value json.RawMessage }
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("webdriver %s %s: %v: %s", method, path, err, raw)
	}
	if value != nil {
		if err := json.Unmarshal(env.Value, value); err != nil {
			t.Fatalf("webdriver %s %s: %v: %s", method, path, err, env.Value)
		}
	}
}

type browser struct {
	wd   *webDriver
	path string // /session/{id}
}

func (wd *webDriver) newSession(t *testing.T) *browser {
	t.Helper()
	binary := os.Getenv("DJORM_CHROMIUM")
	if binary == "" {
		binary = "/usr/bin/chromium"
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		"goog:chromeOptions": map[string]any{
			"binary": binary,
			"args":   []string{"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1500", "--hide-scrollbars"},
		},
	}}}
	var s struct{ SessionID string }
	wd.call(t, "POST", "/session", caps, &s)
	b := &browser{wd: wd, path: "/session/" + s.SessionID}
	t.Cleanup(func() { wd.call(t, "DELETE", b.path, nil, nil) })
	// Finding an element waits up to 10 s for it: a form's POST is loading.
	wd.call(t, "POST", b.path+"/timeouts", map[string]int{"implicit": 10000, "pageLoad": 30000}, nil)
	return b
}

func (b *browser) open(t *testing.T, url string) {
	t.Helper()
	b.wd.call(t, "POST", b.path+"/url", map[string]string{"url": url}, nil)
}

const elementKey = "element-6066-11e4-a52e-4f735466cecf"

// find returns the first element matching a CSS selector (using "") or
// another locator strategy ("xpath").
func (b *browser) find(t *testing.T, selector, using string) string {
	t.Helper()
	if using == "" {
		using = "css selector"
	}
	var el map[string]string
	b.wd.call(t, "POST", b.path+"/element", map[string]string{"using": using, "value": selector}, &el)
	return el[elementKey]
}

func (b *browser) findAll(t *testing.T, css string) []string {
	t.Helper()
	var els []map[string]string
	b.wd.call(t, "POST", b.path+"/elements", map[string]string{"using": "css selector", "value": css}, &els)
	out := make([]string, len(els))
	for i, el := range els {
		out[i] = el[elementKey]
	}
	return out
}

func (b *browser) click(t *testing.T, el string) {
	t.Helper()
	b.wd.call(t, "POST", b.path+"/element/"+el+"/click", map[string]any{}, nil)
}

func (b *browser) text(t *testing.T, el string) string {
	t.Helper()
	var s string
	b.wd.call(t, "GET", b.path+"/element/"+el+"/text", nil, &s)
	return s
}

func (b *browser) source(t *testing.T) string {
	t.Helper()
	var s string
	b.wd.call(t, "GET", b.path+"/source", nil, &s)
	return s
}

func (b *browser) screenshot(t *testing.T, path string) {
	t.Helper()
	var data string
	b.wd.call(t, "GET", b.path+"/screenshot", nil, &data)
	png, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the panel: %s", path)
}
