package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"standing/internal/store"
)

// server is one standing process under test, restartable over the same
// database and address.
type server struct {
	bin, dir, dbPath, dsn, addr, url string
	env                              []string
	cmd                              *exec.Cmd
	keys                             map[string]string // role -> key
	client                           *http.Client
	pg                               *store.DB // the test schema's database, PostgreSQL only
	dropSchema                       func()
	deadlocksSoFar                   int64 // of processes already killed
}

const metricsToken = "harness-metrics-token-0123456789"

// newServer builds standing (unless c.Bin names it), makes the database (a
// file in a temporary directory, or a fresh schema in PostgreSQL) and the
// API keys, and picks a free address.
func newServer(ctx context.Context, c config) (*server, error) {
	dir, err := os.MkdirTemp("", "standing-harness-")
	if err != nil {
		return nil, err
	}
	s := &server{dir: dir, bin: c.Bin, keys: map[string]string{}}
	s.client = &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 512}}
	if s.bin == "" {
		s.bin = filepath.Join(dir, "standing")
		build := exec.CommandContext(ctx, "go", "build", "-o", s.bin, "standing/cmd/standing")
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			return nil, fmt.Errorf("build standing: %w", err)
		}
	}
	s.env = append(os.Environ(), "STANDING_METRICS_TOKEN="+metricsToken)
	switch c.Engine {
	case "sqlite":
		s.dbPath = filepath.Join(dir, "standing.db")
	case "postgres":
		if c.DatabaseURL == "" {
			return nil, errors.New("--engine postgres needs --database-url (or STANDING_TEST_POSTGRES)")
		}
		var b [6]byte
		_, _ = rand.Read(b[:])
		schema := "harness_" + hex.EncodeToString(b[:])
		admin, err := store.OpenPostgres(c.DatabaseURL)
		if err != nil {
			return nil, err
		}
		if err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
			admin.Close()
			return nil, err
		}
		s.dropSchema = func() { _ = admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); admin.Close() }
		u, err := url.Parse(c.DatabaseURL)
		if err != nil {
			return nil, err
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		s.dsn = u.String()
		if s.pg, err = store.OpenPostgres(s.dsn); err != nil {
			return nil, err
		}
		s.env = append(s.env, "STANDING_SIGNAL_SECRET=harness-signal-secret-0123456789")
	default:
		return nil, fmt.Errorf("unknown engine %q", c.Engine)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.addr = ln.Addr().String()
	ln.Close()
	s.url = "http://" + s.addr
	for _, role := range []string{"integration", "staff", "admin"} {
		cmd := exec.CommandContext(ctx, s.bin, append([]string{"keys", "create", "--role", role, "--name", "harness " + role}, s.dbArgs()...)...)
		cmd.Env = s.env
		out, err := cmd.CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("keys create: %w: %s", err, out)
		}
		lines := strings.Fields(strings.TrimSpace(string(out)))
		s.keys[role] = lines[len(lines)-1]
	}
	return s, nil
}

func (s *server) dbArgs() []string {
	if s.dsn != "" {
		return []string{"--database-url", s.dsn}
	}
	return []string{"--db", s.dbPath}
}

// start runs standing serve and waits until it answers /readyz.
func (s *server) start() error {
	logf, err := os.OpenFile(filepath.Join(s.dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	s.cmd = exec.Command(s.bin, append([]string{"serve", "--addr", s.addr}, s.dbArgs()...)...)
	s.cmd.Env = s.env
	s.cmd.SysProcAttr = childAttr()
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("start standing: %w", err)
	}
	logf.Close()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		res, err := http.Get(s.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
	}
	return fmt.Errorf("standing did not become ready in 30 s; see %s", filepath.Join(s.dir, "server.log"))
}

// kill ends the server with SIGKILL, as a crash would.
func (s *server) kill() {
	s.deadlocksSoFar += s.metric("standing_db_deadlocks_total")
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	_, _ = s.cmd.Process.Wait()
}

// close stops the server and removes what the run made.
func (s *server) close() {
	if s.cmd != nil && s.cmd.ProcessState == nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _, _ = s.cmd.Process.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = s.cmd.Process.Kill()
		}
	}
	if s.pg != nil {
		s.pg.Close()
	}
	if s.dropSchema != nil {
		s.dropSchema()
	}
	if os.Getenv("HARNESS_KEEP") == "" {
		os.RemoveAll(s.dir)
	}
}

// deadlocks is how many deadlocks the server processes of this run counted.
func (s *server) deadlocks() int64 { return s.deadlocksSoFar + s.metric("standing_db_deadlocks_total") }

// metric reads one counter from /metrics (0 if absent).
func (s *server) metric(name string) int64 {
	req, _ := http.NewRequest("GET", s.url+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+metricsToken)
	res, err := s.client.Do(req)
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return int64(f)
		}
	}
	return 0
}

// cpu is the CPU time the server process used so far.
func (s *server) cpu() time.Duration { return procCPU(s.cmd.Process.Pid) }

// procCPU reads utime+stime of a process from /proc (Linux), 0 elsewhere.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+st) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

// pgCPU is the CPU time used so far by the PostgreSQL backends serving this
// database (0 on SQLite or when they cannot be read).
func (s *server) pgCPU(ctx context.Context) time.Duration {
	if s.pg == nil {
		return 0
	}
	var pids []string
	_ = s.pg.Read(ctx, func(tx *store.Tx) error {
		var err error
		pids, err = tx.Texts(ctx, `SELECT pid::text FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
		return err
	})
	var total time.Duration
	for _, p := range pids {
		n, _ := strconv.Atoi(p)
		total += procCPU(n)
	}
	return total
}

// call sends one request as role (or with no key when role is "") and
// decodes a JSON answer into out when given.
func (s *server) call(ctx context.Context, method, path, role, acting string, body any, out any, headers ...string) (int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.url+path, rd)
	if err != nil {
		return 0, err
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+s.keys[role])
	}
	if acting != "" {
		req.Header.Set("Acting-Account", acting)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return res.StatusCode, err
	}
	if out != nil {
		_ = json.Unmarshal(raw, out)
	}
	return res.StatusCode, nil
}
