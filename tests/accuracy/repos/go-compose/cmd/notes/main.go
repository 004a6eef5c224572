package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
)

func main() {
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(os.Stdout, nil))
	db := openDB(os.Getenv("NOTES_DSN"))
	if err := db.AutoMigrate(&Note{}, &User{}); err != nil {
		logger.Error("migrate", "err", err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok"))
	})
	logger.Info("listening", "addr", ":5230")
	_ = ctx
	http.ListenAndServe(":5230", mux)
}
