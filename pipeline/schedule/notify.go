package schedule

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"time"
)

// send delivers m to the webhook and the command, in the background; the
// daemon waits for deliveries in flight when it stops.
func (d *Daemon) send(p *parsed, m message) {
	p.Log.Warn("notify", "event", m.Event, "text", m.Text)
	if p.Notify.Webhook == "" && len(p.Notify.Command) == 0 {
		return
	}
	body, err := json.Marshal(m)
	if err != nil {
		p.Log.Error("notify", "err", err)
		return
	}
	d.notes.Add(1)
	go func() {
		defer d.notes.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if p.Notify.Webhook != "" {
			if err := postWebhook(ctx, p.Notify, body); err != nil {
				p.Log.Error("notify: webhook", "event", m.Event, "err", err)
			}
		}
		if len(p.Notify.Command) > 0 {
			if err := runCommand(ctx, p.Notify.Command, m, body); err != nil {
				p.Log.Error("notify: command", "event", m.Event, "err", err)
			}
		}
	}()
}

// postWebhook POSTs body, retrying a network error, 429 and 5xx with a
// doubling backoff; any other answer than 2xx fails at once.
func postWebhook(ctx context.Context, n Notify, body []byte) error {
	backoff := n.Backoff
	if backoff <= 0 {
		backoff = 2 * time.Second
	}
	client := &http.Client{Timeout: 30 * time.Second}
	var err error
	for attempt := 0; attempt <= n.Retries; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return fmt.Errorf("%w (last attempt: %w)", ctx.Err(), err)
			case <-time.After(backoff):
			}
			backoff *= 2
		}
		var retry bool
		retry, err = postOnce(ctx, client, n.Webhook, body)
		if err == nil || !retry {
			return err
		}
	}
	return fmt.Errorf("after %d attempts: %w", n.Retries+1, err)
}

func postOnce(ctx context.Context, client *http.Client, url string, body []byte) (retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return true, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 == 2 {
		return false, nil
	}
	retry = resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
	return retry, fmt.Errorf("POST %s: %s", url, resp.Status)
}

// runCommand runs the configured command with the message as JSON on its
// standard input and its fields in CUBAEXPORTS_* variables.
func runCommand(ctx context.Context, argv []string, m message, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(body)
	cmd.Env = append(cmd.Environ(), "CUBAEXPORTS_EVENT="+m.Event, "CUBAEXPORTS_SOURCE="+m.Source,
		"CUBAEXPORTS_JOB="+m.Job, "CUBAEXPORTS_TEXT="+m.Text)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", argv[0], err, bytes.TrimSpace(out))
	}
	return nil
}
