package mockruntime_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// fakePlugins are misbehaving plugins the runtime must survive. Each runs
// in a re-executed copy of the test binary (TestMain), speaking the
// protocol by hand so it can break it on purpose.
var fakePlugins = map[string]func() int{
	"minimal": func() int { emit(`{"type":"ready"}`); return serve(nil) },
	"gone-after-ready": func() int { // ready, then ends at once, closing its stdin
		emit(`{"type":"ready"}`)
		os.Stdin.Close()
		return 3
	},
	"never-ready": func() int { return serve(nil) },
	"ready-on-signal": func() int { // ready once the file FAKE_READY_FILE exists
		for {
			if _, err := os.Stat(os.Getenv("FAKE_READY_FILE")); err == nil {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		emit(`{"type":"ready"}`)
		return serve(nil)
	},
	"ready-twice": func() int { emit(`{"type":"ready"}`); emit(`{"type":"ready"}`); return serve(nil) },
	"deaf": func() int { // ready, then never reads stdin again
		emit(`{"type":"ready"}`)
		time.Sleep(time.Hour)
		return 0
	},
	"note-type-as-id": func() int { // holds every request; once a notification came, answers the next request's arrival with a response under the notification's type
		emit(`{"type":"ready"}`)
		var note any
		return serve(func(f map[string]any) bool {
			switch t := f["type"]; {
			case t == "request" && note != nil:
				emit(fmt.Sprintf(`{"type":"response","id":%q,"error":{"code":"UNKNOWN_ACTION","message":"no handler"}}`, note))
				return true
			case t == "request":
				return true
			case t != "ping":
				note = t
				return true
			}
			return false
		})
	},
	"no-pong": func() int {
		emit(`{"type":"ready"}`)
		return serve(func(f map[string]any) bool { return f["type"] == "ping" })
	},
	"idless-pong": func() int { // answers every ping with the seed page's {"type":"pong"} (WD-9)
		emit(`{"type":"ready"}`)
		return serve(func(f map[string]any) bool {
			if f["type"] == "ping" {
				emit(`{"type":"pong"}`)
				return true
			}
			return false
		})
	},
	"one-behind-pong": func() int { // answers ping n with an id-less pong only when ping n+1 arrives
		emit(`{"type":"ready"}`)
		seen := false
		return serve(func(f map[string]any) bool {
			if f["type"] != "ping" {
				return false
			}
			if seen {
				emit(`{"type":"pong"}`)
			}
			seen = true
			return true
		})
	},
	"unsolicited-pong": func() int { // a pong without id before any ping, then behaves
		emit(`{"type":"ready"}`)
		emit(`{"type":"pong"}`)
		return serve(nil)
	},
	"oversized-line": func() int {
		emit(`{"type":"ready"}`)
		os.Stdout.WriteString("IPC:" + strings.Repeat("x", 4<<20)) // 4 MiB + 4 bytes, no newline
		time.Sleep(time.Hour)
		return 0
	},
	"line-at-cap": func() int {
		emit(`{"type":"ready"}`)
		os.Stdout.WriteString(strings.Repeat("y", 4<<20) + "\n") // a log line of exactly the cap
		return serve(nil)
	},
	"edges": func() int {
		os.Stdout.WriteString("IPC:{\"type\":\"ready\"}\r\n\n\r\n")
		os.Stdout.WriteString("plain log line\n")
		os.Stdout.WriteString("bad utf8 \xff\xfe log\n")
		os.Stdout.WriteString("IPC:not json\n")
		os.Stdout.WriteString("IPC:[1,2]\n")
		os.Stdout.WriteString("IPC:{\"type\":\"pong\",\"id\":7}\n")
		os.Stdout.WriteString("IPC:{\"type\":\"response\",\"id\":\"nobody\",\"result\":1}\n")
		os.Stderr.WriteString("to stderr\n")
		return serve(nil)
	},
	"last-line-unterminated": func() int {
		emit(`{"type":"ready"}`)
		os.Stdout.WriteString("IPC:{\"type\":\"serve_ready\"}")
		return 0
	},
	"serve-ready-early": func() int { // serve_ready before ready, then once after
		emit(`{"type":"serve_ready"}`)
		emit(`{"type":"ready"}`)
		emit(`{"type":"serve_ready"}`)
		return serve(nil)
	},
	"crash": func() int { emit(`{"type":"ready"}`); return 3 },
	"orphan": func() int {
		child := exec.Command("sleep", "300")
		if err := child.Start(); err != nil {
			return 1
		}
		emit(`{"type":"ready"}`)
		return serve(nil)
	},
	"stubborn": func() int { // ignores end of file and SIGTERM
		signal.Ignore(syscall.SIGTERM)
		emit(`{"type":"ready"}`)
		serve(nil)
		time.Sleep(time.Hour)
		return 0
	},
	"json-echo": func() int { // the baseline: decode each line, encode it back
		in := bufio.NewReaderSize(os.Stdin, 64<<10)
		out := bufio.NewWriterSize(os.Stdout, 64<<10)
		for {
			line, err := in.ReadBytes('\n')
			if err != nil {
				return 0
			}
			var v any
			if json.Unmarshal(line, &v) != nil {
				continue
			}
			b, _ := json.Marshal(v)
			out.Write(b)
			out.WriteByte('\n')
			if in.Buffered() == 0 {
				out.Flush()
			}
		}
	},
	"reuser": func() int { // the same call id twice at once, then again after the answers
		emit(`{"type":"ready"}`)
		call := `{"type":"resources.get","id":"dup","params":{}}`
		emit(call)
		emit(call)
		sc := bufio.NewScanner(os.Stdin)
		for answers := 0; answers < 2 && sc.Scan(); {
			if strings.Contains(sc.Text(), `"id":"dup"`) {
				answers++
			}
		}
		emit(call)
		return serve(nil)
	},
	"hostile-frames": func() int { // duplicate names and unusable ids, then a probe call
		emit(`{"type":"ready"}`)
		emit(`{"type":"pong","id":"p1","type":"ready"}`)
		emit(`{"type":"resources.get","id":"` + strings.Repeat("i", 257) + `","params":{}}`)
		emit(`{"type":"resources.get","id":"` + strings.Repeat("j", 100000) + `","params":{}}`)
		emit(`{"type":"resources.get","id":"probe","params":{}}`)
		return serve(nil)
	},
	"pipeliner": func() int { // sends FAKE_CALLS_N calls back to back while it reads the answers
		n, _ := strconv.Atoi(os.Getenv("FAKE_CALLS_N"))
		emit(`{"type":"ready"}`)
		var mu sync.Mutex // one writer of stdout: the calls and the pongs
		out := bufio.NewWriterSize(os.Stdout, 64<<10)
		write := func(line string) {
			mu.Lock()
			out.WriteString("IPC:" + line + "\n")
			mu.Unlock()
		}
		go func() {
			for i := 0; i < n; i++ {
				write(fmt.Sprintf(`{"type":"presence.list","id":"c%d","params":{"scope":"s"}}`, i))
			}
			mu.Lock()
			out.Flush()
			mu.Unlock()
		}()
		sc := bufio.NewScanner(os.Stdin)
		sc.Buffer(make([]byte, 64<<10), 5<<20)
		answered := 0
		for sc.Scan() {
			var f map[string]any
			if json.Unmarshal(sc.Bytes(), &f) != nil {
				continue
			}
			switch f["type"] {
			case "ping":
				write(fmt.Sprintf(`{"type":"pong","id":%q}`, f["id"]))
				mu.Lock()
				out.Flush()
				mu.Unlock()
			case "response":
				if answered++; answered == n {
					fmt.Fprintf(os.Stderr, "all %d answered\n", n)
				}
			}
		}
		return 0
	},
	"flood": func() int { // FLOOD_MIB MiB to stdout as 4 MiB lines, as much to stderr without a newline
		mib, _ := strconv.Atoi(os.Getenv("FLOOD_MIB"))
		emit(`{"type":"ready"}`)
		chunk := []byte(strings.Repeat("x", 1<<20))
		for i := 0; i < mib; i++ { // each line: four chunks, the last one byte short, and a newline
			if i%4 == 3 {
				os.Stdout.Write(chunk[:len(chunk)-1])
				os.Stdout.WriteString("\n")
			} else {
				os.Stdout.Write(chunk)
			}
		}
		for i := 0; i < mib; i++ {
			os.Stderr.Write(chunk)
		}
		os.Stderr.WriteString("\nflood done\n")
		return serve(nil)
	},
	"caller": func() int { // makes the service calls named in FAKE_CALLS, then serves
		emit(`{"type":"ready"}`)
		for i, c := range strings.Split(os.Getenv("FAKE_CALLS"), ";") {
			if c != "" {
				emit(fmt.Sprintf(`{"type":%q,"id":"c%d","params":%s}`, strings.SplitN(c, " ", 2)[0], i, strings.SplitN(c+" {}", " ", 3)[1]))
			}
		}
		return serve(nil)
	},
}

// emit writes one frame line to stdout.
func emit(frame string) { os.Stdout.WriteString("IPC:" + frame + "\n") }

// serve answers pings and requests (echoing params) until end of file.
// skip, when set, drops frames it returns true for.
func serve(skip func(map[string]any) bool) int {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 64<<10), 5<<20)
	for sc.Scan() {
		var f map[string]any
		if json.Unmarshal(sc.Bytes(), &f) != nil || (skip != nil && skip(f)) {
			continue
		}
		switch f["type"] {
		case "ping":
			emit(fmt.Sprintf(`{"type":"pong","id":%q}`, f["id"]))
		case "request":
			params, _ := json.Marshal(f["params"])
			emit(fmt.Sprintf(`{"type":"response","id":%q,"result":%s}`, f["id"], params))
		}
	}
	return 0
}

func runFakePlugin(name string) int {
	f, ok := fakePlugins[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "no fake plugin %q\n", name)
		return 2
	}
	return f()
}
