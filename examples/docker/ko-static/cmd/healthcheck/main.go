// healthcheck exits 0 when the URL answers 2xx/3xx and 1 otherwise: a health-check probe that
// needs neither a shell nor curl.
package main

import (
	"net/http"
	"os"
	"time"
)

func main() {
	url := "http://localhost:8080/healthz"
	if len(os.Args) > 1 {
		url = os.Args[1]
	}
	client := http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get(url)
	if err != nil || resp.StatusCode >= 400 {
		os.Exit(1)
	}
}
