package snapshot_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func ExampleStore() {
	dir, _ := os.MkdirTemp("", "store")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	store, err := snapshot.OpenStore(dir)
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	meta := snapshot.Meta{SourceID: "onei_yearbook", Name: "8.3.xlsx", URL: "https://example.org/8.3.xlsx"}
	snap, err := store.Put(ctx, meta, strings.NewReader("the bytes"))
	if err != nil {
		log.Fatal(err)
	}
	if err := store.Commit(ctx, "onei_yearbook", []snapshot.Snapshot{snap}); err != nil {
		log.Fatal(err)
	}
	docs, _, err := store.Current(ctx, "onei_yearbook")
	if err != nil {
		log.Fatal(err)
	}
	r, _ := docs[0].Open()
	defer r.Close()
	b, _ := io.ReadAll(r)
	fmt.Println(docs[0].Name, docs[0].SHA256[:12], string(b))
	// Output: 8.3.xlsx ed589341c9fd the bytes
}
