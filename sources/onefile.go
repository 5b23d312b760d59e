package sources

import "io/fs"

// OneFile is the part of fsys a catalog entry reads when its kind embeds
// several documents: the single file name (a base name), listed alone at
// the root. A kind's Open puts it in Reader.Embedded.
func OneFile(fsys fs.FS, name string) fs.FS { return oneFile{fsys, name} }

// oneFile is an fs.FS that shows a single file of another.
type oneFile struct {
	fsys fs.FS
	name string
}

func (o oneFile) Open(name string) (fs.File, error) {
	if name == "." {
		return o.fsys.Open(".")
	}
	if name != o.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.fsys.Open(name)
}

func (o oneFile) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	f, err := fs.Stat(o.fsys, o.name)
	if err != nil {
		return nil, err
	}
	return []fs.DirEntry{fs.FileInfoToDirEntry(f)}, nil
}
