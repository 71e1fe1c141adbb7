//! Per-node in-memory filesystems.
//!
//! A [`Fs`] is a tree of directories and text files kept in `BTreeMap`s, so listings come out
//! sorted and serialisation is stable. Paths given to the methods are absolute; they are
//! normalised again on the way in (see [`normalize`]), so `"/etc//kubernetes/"` works too.
//! Every mutation bumps [`Fs::generation`], and each directory on the path of a mutation records
//! that generation, so a watcher of one directory can compare [`Fs::dir_generation`] cheaply.

use std::collections::BTreeMap;
use std::fmt;

/// Largest size of one file, in bytes.
pub const MAX_FILE_SIZE: usize = 10 * 1024 * 1024;
/// Most entries the whole filesystem may hold (files and directories).
pub const MAX_NODES: usize = 100_000;

/// The home directory `~` stands for.
pub const HOME: &str = "/root";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FsError {
    NotFound,
    NotADirectory,
    IsADirectory,
    AlreadyExists,
    DirectoryNotEmpty,
    TooLarge,
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotADirectory => "Not a directory",
            FsError::IsADirectory => "Is a directory",
            FsError::AlreadyExists => "File exists",
            FsError::DirectoryNotEmpty => "Directory not empty",
            FsError::TooLarge => "File too large",
        })
    }
}

impl std::error::Error for FsError {}

/// One entry of a listing, or what `stat` says about a path.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DirEntry {
    pub name: String,
    pub is_dir: bool,
    /// Bytes for a file; 4096 for a directory (as ext4 shows it).
    pub size: u64,
    pub mtime_ms: i64,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
enum Node {
    Dir {
        entries: BTreeMap<String, Node>,
        mtime_ms: i64,
        /// The filesystem generation of the last change at or under this directory.
        gen: u64,
    },
    File {
        content: String,
        mtime_ms: i64,
        gen: u64,
    },
}

impl Default for Node {
    fn default() -> Self {
        Node::Dir {
            entries: BTreeMap::new(),
            mtime_ms: 0,
            gen: 0,
        }
    }
}

impl Node {
    fn new_dir(now_ms: i64, gen: u64) -> Node {
        Node::Dir {
            entries: BTreeMap::new(),
            mtime_ms: now_ms,
            gen,
        }
    }
    fn gen(&self) -> u64 {
        match self {
            Node::Dir { gen, .. } | Node::File { gen, .. } => *gen,
        }
    }
    fn entry(&self, name: &str) -> DirEntry {
        match self {
            Node::Dir { mtime_ms, .. } => DirEntry {
                name: name.to_string(),
                is_dir: true,
                size: 4096,
                mtime_ms: *mtime_ms,
            },
            Node::File {
                content, mtime_ms, ..
            } => DirEntry {
                name: name.to_string(),
                is_dir: false,
                size: content.len() as u64,
                mtime_ms: *mtime_ms,
            },
        }
    }
    fn count(&self) -> usize {
        match self {
            Node::File { .. } => 1,
            Node::Dir { entries, .. } => 1 + entries.values().map(Node::count).sum::<usize>(),
        }
    }
}

/// An in-memory filesystem: a tree of directories and files, rooted at `/`.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Fs {
    root: Node,
    generation: u64,
    #[serde(default)]
    nodes: usize,
}

/// Resolve `path` against the working directory `cwd`: relative paths, `.`, `..`, a leading `~`
/// (= `/root`) and duplicate or trailing slashes. The result is absolute and has no trailing
/// slash (except `/` itself).
pub fn normalize(cwd: &str, path: &str) -> String {
    let full: String = if path == "~" {
        HOME.to_string()
    } else if let Some(rest) = path.strip_prefix("~/") {
        format!("{HOME}/{rest}")
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{cwd}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for comp in full.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = String::with_capacity(full.len() + 1);
    for p in &parts {
        out.push('/');
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Split a normalised absolute path into its components.
fn components(path: &str) -> Vec<String> {
    let norm = normalize("/", path);
    norm.split('/')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// The parent directory of an absolute path, and its last component (None for `/`).
pub fn split_parent(path: &str) -> Option<(String, String)> {
    let mut comps = components(path);
    let last = comps.pop()?;
    let mut parent = String::new();
    for c in &comps {
        parent.push('/');
        parent.push_str(c);
    }
    if parent.is_empty() {
        parent.push('/');
    }
    Some((parent, last))
}

impl Fs {
    /// An empty filesystem: just `/`.
    pub fn new() -> Fs {
        Fs {
            root: Node::default(),
            generation: 0,
            nodes: 1,
        }
    }

    /// Increases on every mutation.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The generation of the last change at or under `path` (0 when it does not exist).
    pub fn dir_generation(&self, path: &str) -> u64 {
        self.lookup(path).map(Node::gen).unwrap_or(0)
    }

    fn lookup(&self, path: &str) -> Option<&Node> {
        let mut node = &self.root;
        for c in components(path) {
            match node {
                Node::Dir { entries, .. } => node = entries.get(&c)?,
                Node::File { .. } => return None,
            }
        }
        Some(node)
    }

    /// Look a path up, telling why it fails.
    fn lookup_err(&self, path: &str) -> Result<&Node, FsError> {
        let mut node = &self.root;
        for c in components(path) {
            match node {
                Node::Dir { entries, .. } => node = entries.get(&c).ok_or(FsError::NotFound)?,
                Node::File { .. } => return Err(FsError::NotADirectory),
            }
        }
        Ok(node)
    }

    /// The directory at `comps`, marking it and every ancestor with the new generation.
    fn dir_mut_marking(
        &mut self,
        comps: &[String],
        gen: u64,
    ) -> Result<&mut BTreeMap<String, Node>, FsError> {
        // Check first, so a failed mutation leaves no marks.
        {
            let mut node = &self.root;
            for c in comps {
                match node {
                    Node::Dir { entries, .. } => node = entries.get(c).ok_or(FsError::NotFound)?,
                    Node::File { .. } => return Err(FsError::NotADirectory),
                }
            }
            if let Node::File { .. } = node {
                return Err(FsError::NotADirectory);
            }
        }
        let mut node = &mut self.root;
        for c in comps {
            match node {
                Node::Dir {
                    entries, gen: g, ..
                } => {
                    *g = gen;
                    node = entries.get_mut(c).ok_or(FsError::NotFound)?;
                }
                Node::File { .. } => return Err(FsError::NotADirectory),
            }
        }
        match node {
            Node::Dir {
                entries, gen: g, ..
            } => {
                *g = gen;
                Ok(entries)
            }
            Node::File { .. } => Err(FsError::NotADirectory),
        }
    }

    fn bump(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    fn node_count(&mut self) -> usize {
        if self.nodes == 0 {
            // Deserialised from an older form: count once.
            self.nodes = self.root.count();
        }
        self.nodes
    }

    /// The text of a file.
    pub fn read(&self, path: &str) -> Result<String, FsError> {
        match self.lookup_err(path)? {
            Node::File { content, .. } => Ok(content.clone()),
            Node::Dir { .. } => Err(FsError::IsADirectory),
        }
    }

    /// Create or truncate a file; its parent directory must exist.
    pub fn write(&mut self, path: &str, content: &str, now_ms: i64) -> Result<(), FsError> {
        self.put(path, content, now_ms, false)
    }

    /// Append to a file, creating it when missing; its parent directory must exist.
    pub fn append(&mut self, path: &str, content: &str, now_ms: i64) -> Result<(), FsError> {
        self.put(path, content, now_ms, true)
    }

    fn put(&mut self, path: &str, content: &str, now_ms: i64, append: bool) -> Result<(), FsError> {
        if content.len() > MAX_FILE_SIZE {
            return Err(FsError::TooLarge);
        }
        let mut comps = components(path);
        let Some(name) = comps.pop() else {
            return Err(FsError::IsADirectory);
        };
        // Validate before touching anything.
        let existing_len = match self.lookup_err(&join(&comps))? {
            Node::File { .. } => return Err(FsError::NotADirectory),
            Node::Dir { entries, .. } => match entries.get(&name) {
                Some(Node::Dir { .. }) => return Err(FsError::IsADirectory),
                Some(Node::File { content, .. }) => Some(content.len()),
                None => None,
            },
        };
        if append && existing_len.unwrap_or(0) + content.len() > MAX_FILE_SIZE {
            return Err(FsError::TooLarge);
        }
        if existing_len.is_none() && self.node_count() >= MAX_NODES {
            return Err(FsError::TooLarge);
        }
        let gen = self.bump();
        let entries = self.dir_mut_marking(&comps, gen)?;
        let created = !entries.contains_key(&name);
        match entries.get_mut(&name) {
            Some(Node::File {
                content: c,
                mtime_ms,
                gen: g,
            }) => {
                if append {
                    c.push_str(content);
                } else {
                    *c = content.to_string();
                }
                *mtime_ms = now_ms;
                *g = gen;
            }
            _ => {
                entries.insert(
                    name,
                    Node::File {
                        content: content.to_string(),
                        mtime_ms: now_ms,
                        gen,
                    },
                );
            }
        }
        if created {
            self.mark_parent_mtime(&comps, now_ms);
            self.nodes += 1;
        }
        Ok(())
    }

    fn mark_parent_mtime(&mut self, comps: &[String], now_ms: i64) {
        let mut node = &mut self.root;
        for c in comps {
            match node {
                Node::Dir { entries, .. } => match entries.get_mut(c) {
                    Some(n) => node = n,
                    None => return,
                },
                Node::File { .. } => return,
            }
        }
        if let Node::Dir { mtime_ms, .. } = node {
            *mtime_ms = now_ms;
        }
    }

    /// Set a file's or directory's modification time (creating an empty file when missing, like
    /// `touch`).
    pub fn touch(&mut self, path: &str, now_ms: i64) -> Result<(), FsError> {
        match self.lookup(path) {
            None => self.write(path, "", now_ms),
            Some(_) => {
                let comps = components(path);
                let gen = self.bump();
                // Mark ancestors.
                let (parent, last) = match comps.split_last() {
                    Some((last, parent)) => (parent.to_vec(), Some(last.clone())),
                    None => (Vec::new(), None),
                };
                let entries = self.dir_mut_marking(&parent, gen)?;
                match last {
                    Some(name) => match entries.get_mut(&name) {
                        Some(Node::File {
                            mtime_ms, gen: g, ..
                        })
                        | Some(Node::Dir {
                            mtime_ms, gen: g, ..
                        }) => {
                            *mtime_ms = now_ms;
                            *g = gen;
                        }
                        None => return Err(FsError::NotFound),
                    },
                    None => {
                        if let Node::Dir { mtime_ms, .. } = &mut self.root {
                            *mtime_ms = now_ms;
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// Create a directory and any missing parents; fine when it exists already.
    pub fn mkdir_p(&mut self, path: &str, now_ms: i64) -> Result<(), FsError> {
        let comps = components(path);
        // Validate: walk as far as existing, the rest must be creatable.
        let mut node = &self.root;
        let mut missing = 0;
        for (i, c) in comps.iter().enumerate() {
            match node {
                Node::Dir { entries, .. } => match entries.get(c) {
                    Some(n) => node = n,
                    None => {
                        missing = comps.len() - i;
                        break;
                    }
                },
                Node::File { .. } => return Err(FsError::NotADirectory),
            }
        }
        if missing == 0 {
            return match node {
                Node::Dir { .. } => Ok(()),
                Node::File { .. } => Err(FsError::AlreadyExists),
            };
        }
        if self.node_count() + missing > MAX_NODES {
            return Err(FsError::TooLarge);
        }
        for i in (comps.len() - missing)..comps.len() {
            self.mkdir(&join(&comps[..=i]), now_ms)?;
        }
        Ok(())
    }

    /// Create one directory; the parent must exist.
    pub fn mkdir(&mut self, path: &str, now_ms: i64) -> Result<(), FsError> {
        let mut comps = components(path);
        let Some(name) = comps.pop() else {
            return Err(FsError::AlreadyExists);
        };
        match self.lookup_err(&join(&comps))? {
            Node::File { .. } => return Err(FsError::NotADirectory),
            Node::Dir { entries, .. } => {
                if entries.contains_key(&name) {
                    return Err(FsError::AlreadyExists);
                }
            }
        }
        if self.node_count() >= MAX_NODES {
            return Err(FsError::TooLarge);
        }
        let gen = self.bump();
        let entries = self.dir_mut_marking(&comps, gen)?;
        entries.insert(name, Node::new_dir(now_ms, gen));
        self.mark_parent_mtime(&comps, now_ms);
        self.nodes += 1;
        Ok(())
    }

    /// Remove a file, or a directory (which must be empty unless `recursive`). Removing `/`
    /// recursively empties it.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        let mut comps = components(path);
        let node = self.lookup_err(path)?;
        if let Node::Dir { entries, .. } = node {
            if !recursive && !entries.is_empty() {
                return Err(FsError::DirectoryNotEmpty);
            }
        }
        let removed = node.count();
        let gen = self.bump();
        match comps.pop() {
            None => {
                if let Node::Dir {
                    entries, gen: g, ..
                } = &mut self.root
                {
                    entries.clear();
                    *g = gen;
                }
                self.nodes = 1;
            }
            Some(name) => {
                let entries = self.dir_mut_marking(&comps, gen)?;
                entries.remove(&name);
                self.nodes = self.nodes.saturating_sub(removed).max(1);
            }
        }
        Ok(())
    }

    /// Move a file or directory (the target's parent must exist; an existing file target is
    /// replaced). Moving a directory into itself fails with `NotFound`... as `mv` checks first.
    pub fn rename(&mut self, from: &str, to: &str, now_ms: i64) -> Result<(), FsError> {
        let from_n = normalize("/", from);
        let to_n = normalize("/", to);
        if from_n == to_n {
            self.lookup_err(&from_n)?;
            return Ok(());
        }
        if to_n.starts_with(&format!("{from_n}/")) || from_n == "/" {
            return Err(FsError::NotFound);
        }
        let src = self.lookup_err(&from_n)?.clone();
        let mut to_comps = components(&to_n);
        let Some(to_name) = to_comps.pop() else {
            return Err(FsError::IsADirectory);
        };
        match self.lookup_err(&join(&to_comps))? {
            Node::File { .. } => return Err(FsError::NotADirectory),
            Node::Dir { entries, .. } => match (entries.get(&to_name), &src) {
                (Some(Node::Dir { .. }), Node::File { .. }) => return Err(FsError::IsADirectory),
                (Some(Node::File { .. }), Node::Dir { .. }) => return Err(FsError::NotADirectory),
                (Some(Node::Dir { entries: e, .. }), Node::Dir { .. }) if !e.is_empty() => {
                    return Err(FsError::DirectoryNotEmpty)
                }
                _ => {}
            },
        }
        let replaced = self.lookup(&to_n).map(Node::count).unwrap_or(0);
        self.remove(&from_n, true)?;
        let gen = self.bump();
        let entries = self.dir_mut_marking(&to_comps, gen)?;
        entries.insert(to_name, src.clone());
        self.mark_parent_mtime(&to_comps, now_ms);
        self.nodes = self.nodes + src.count() - replaced.min(self.nodes);
        Ok(())
    }

    /// Copy a file or a whole directory tree to `to` (whose parent must exist).
    pub fn copy(&mut self, from: &str, to: &str, now_ms: i64) -> Result<(), FsError> {
        let src = self.lookup_err(from)?.clone();
        match src {
            Node::File { content, .. } => self.write(to, &content, now_ms),
            Node::Dir { .. } => {
                let to_n = normalize("/", to);
                let from_n = normalize("/", from);
                if to_n == from_n || to_n.starts_with(&format!("{from_n}/")) {
                    return Err(FsError::AlreadyExists);
                }
                if self.node_count() + src.count() > MAX_NODES {
                    return Err(FsError::TooLarge);
                }
                self.copy_tree(&src, &to_n, now_ms)
            }
        }
    }

    /// Copies a file or a whole tree from another filesystem (`kubectl cp` between a node
    /// and a container) to `to`, whose parent must exist.
    pub fn copy_from(
        &mut self,
        src: &Fs,
        from: &str,
        to: &str,
        now_ms: i64,
    ) -> Result<(), FsError> {
        let node = src.lookup_err(from)?.clone();
        if self.node_count() + node.count() > MAX_NODES {
            return Err(FsError::TooLarge);
        }
        self.copy_tree(&node, &normalize("/", to), now_ms)
    }

    fn copy_tree(&mut self, node: &Node, to: &str, now_ms: i64) -> Result<(), FsError> {
        match node {
            Node::File { content, .. } => self.write(to, content, now_ms),
            Node::Dir { entries, .. } => {
                if !self.is_dir(to) {
                    self.mkdir(to, now_ms)?;
                }
                for (name, child) in entries {
                    let p = if to == "/" {
                        format!("/{name}")
                    } else {
                        format!("{to}/{name}")
                    };
                    self.copy_tree(child, &p, now_ms)?;
                }
                Ok(())
            }
        }
    }

    /// The entries of a directory, sorted by name. Listing a file gives that file alone.
    pub fn list(&self, path: &str) -> Result<Vec<DirEntry>, FsError> {
        match self.lookup_err(path)? {
            Node::Dir { entries, .. } => {
                Ok(entries.iter().map(|(n, node)| node.entry(n)).collect())
            }
            Node::File { .. } => Err(FsError::NotADirectory),
        }
    }

    pub fn is_dir(&self, path: &str) -> bool {
        matches!(self.lookup(path), Some(Node::Dir { .. }))
    }

    pub fn is_file(&self, path: &str) -> bool {
        matches!(self.lookup(path), Some(Node::File { .. }))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.lookup(path).is_some()
    }

    /// What `ls -l` needs about one path; the name is the last component (`/` for the root).
    pub fn stat(&self, path: &str) -> Result<DirEntry, FsError> {
        let node = self.lookup_err(path)?;
        let name = split_parent(path)
            .map(|(_, n)| n)
            .unwrap_or_else(|| "/".to_string());
        Ok(node.entry(&name))
    }

    /// Number of subdirectories of a directory (for `ls -l` link counts).
    pub fn subdir_count(&self, path: &str) -> usize {
        match self.lookup(path) {
            Some(Node::Dir { entries, .. }) => entries
                .values()
                .filter(|n| matches!(n, Node::Dir { .. }))
                .count(),
            _ => 0,
        }
    }
}

fn join(comps: &[String]) -> String {
    if comps.is_empty() {
        return "/".to_string();
    }
    let mut s = String::new();
    for c in comps {
        s.push('/');
        s.push_str(c);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_paths() {
        assert_eq!(normalize("/root", "a/b"), "/root/a/b");
        assert_eq!(normalize("/root", "../etc//kubernetes/"), "/etc/kubernetes");
        assert_eq!(normalize("/root", "~"), "/root");
        assert_eq!(normalize("/etc", "~/x"), "/root/x");
        assert_eq!(normalize("/", ".."), "/");
        assert_eq!(normalize("/a/b", "./../c/."), "/a/c");
        assert_eq!(normalize("/a", "/"), "/");
    }

    #[test]
    fn write_read_list() {
        let mut fs = Fs::new();
        assert_eq!(fs.write("/a/b", "x", 1), Err(FsError::NotFound));
        fs.mkdir_p("/etc/kubernetes/manifests", 5).unwrap();
        let g = fs.generation();
        fs.write("/etc/kubernetes/manifests/b.yaml", "bb", 7)
            .unwrap();
        fs.write("/etc/kubernetes/manifests/a.yaml", "a", 8)
            .unwrap();
        assert!(fs.generation() > g);
        let names: Vec<String> = fs
            .list("/etc/kubernetes/manifests")
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, vec!["a.yaml", "b.yaml"]);
        fs.append("/etc/kubernetes/manifests/a.yaml", "bc", 9)
            .unwrap();
        assert_eq!(fs.read("/etc/kubernetes/manifests/a.yaml").unwrap(), "abc");
        assert_eq!(fs.read("/etc"), Err(FsError::IsADirectory));
        assert_eq!(
            fs.read("/etc/kubernetes/manifests/a.yaml/x"),
            Err(FsError::NotADirectory)
        );
        assert_eq!(fs.stat("/etc/kubernetes/manifests/a.yaml").unwrap().size, 3);
        assert_eq!(fs.mkdir("/etc", 1), Err(FsError::AlreadyExists));
        assert_eq!(fs.remove("/etc", false), Err(FsError::DirectoryNotEmpty));
        assert_eq!(
            FsError::DirectoryNotEmpty.to_string(),
            "Directory not empty"
        );
    }

    #[test]
    fn dir_generation_tracks_subtree() {
        let mut fs = Fs::new();
        fs.mkdir_p("/etc/kubernetes/manifests", 0).unwrap();
        fs.mkdir_p("/tmp", 0).unwrap();
        let m = fs.dir_generation("/etc/kubernetes/manifests");
        fs.write("/tmp/x", "1", 0).unwrap();
        assert_eq!(fs.dir_generation("/etc/kubernetes/manifests"), m);
        fs.write("/etc/kubernetes/manifests/x", "1", 0).unwrap();
        assert!(fs.dir_generation("/etc/kubernetes/manifests") > m);
        let m2 = fs.dir_generation("/etc/kubernetes/manifests");
        fs.remove("/etc/kubernetes/manifests/x", false).unwrap();
        assert!(fs.dir_generation("/etc/kubernetes/manifests") > m2);
        // A failed write leaves generations alone.
        let g = fs.generation();
        assert!(fs.write("/nope/x", "", 0).is_err());
        assert_eq!(fs.generation(), g);
    }

    #[test]
    fn size_cap_and_rename_copy() {
        let mut fs = Fs::new();
        let big = "x".repeat(MAX_FILE_SIZE);
        fs.write("/big", &big, 0).unwrap();
        assert_eq!(fs.append("/big", "y", 0), Err(FsError::TooLarge));
        fs.mkdir_p("/a/b", 0).unwrap();
        fs.write("/a/b/f", "hi", 0).unwrap();
        fs.copy("/a", "/c", 0).unwrap();
        assert_eq!(fs.read("/c/b/f").unwrap(), "hi");
        fs.rename("/c", "/d", 0).unwrap();
        assert!(!fs.exists("/c"));
        assert_eq!(fs.read("/d/b/f").unwrap(), "hi");
        assert_eq!(fs.rename("/d", "/d/e", 0), Err(FsError::NotFound));
        let json = serde_json::to_string(&fs).unwrap();
        let back: Fs = serde_json::from_str(&json).unwrap();
        assert_eq!(back.read("/a/b/f").unwrap(), "hi");
    }
}
