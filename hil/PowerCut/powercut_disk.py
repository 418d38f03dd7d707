#!/usr/bin/python3
"""A disk that loses power: a FUSE file system over a backing folder that keeps every write in memory until its file
is fsync'ed, and forgets all of them when the power is cut.

    powercut_disk.py BACKING MOUNTPOINT

The model is the POSIX contract an SD card under a journaling file system gives a program: data reaches the card
only when the file is fsync'ed (fdatasync'ed); metadata (create, rename, unlink, mkdir, chmod) is applied to BACKING
at once, as the journal would commit it within its interval. Creating a file named `.powercut` in the mount is the
cut: every unsynced write is dropped and from then on every call fails with EIO, so the program under test sees a
dead disk until it is killed. Unmount (`fusermount3 -u -z MOUNTPOINT`), mount again, and the program finds what a
card would hold after the cut.

Prints "ready" once mounted. Needs Debian's python3-fusepy and fuse3, and /dev/fuse.
"""
import errno
import os
import sys
import threading

from fusepy import FUSE, FuseOSError, Operations

PAGE = 4096
TRIGGER = '/.powercut'


class File:
    """One file's unsynced state: dirty pages by index and its current length."""

    def __init__(self, size):
        self.pages = {}
        self.size = size


class PowerCutDisk(Operations):
    def __init__(self, backing):
        self.backing = os.path.realpath(backing)
        self.files = {}
        self.dead = False
        self._mutex = threading.RLock()
        self.cuts = 0

    def _path(self, path):
        return os.path.join(self.backing, path.lstrip('/'))

    def _check(self):
        if self.dead:
            raise FuseOSError(errno.EIO)

    def _state(self, full):
        state = self.files.get(full)
        if state is None:
            state = File(os.path.getsize(full))
            self.files[full] = state
        return state

    def _page(self, full, state, index):
        page = state.pages.get(index)
        if page is None:
            page = bytearray(PAGE)
            with open(full, 'rb') as f:
                f.seek(index * PAGE)
                data = f.read(PAGE)
            page[:len(data)] = data
            # Bytes past the current (possibly truncated) length read as zeros.
            end = state.size - index * PAGE
            if end < PAGE:
                page[max(end, 0):] = bytes(PAGE - max(end, 0))
            state.pages[index] = page
        return page

    def _sync(self, full):
        state = self.files.pop(full, None)
        if state is None:
            return
        with open(full, 'r+b') as f:
            for index in sorted(state.pages):
                start = index * PAGE
                if start >= state.size:
                    continue
                f.seek(start)
                f.write(bytes(state.pages[index][:min(PAGE, state.size - start)]))
            f.truncate(state.size)
            f.flush()
            os.fsync(f.fileno())

    # ------------------------------------------------------------------ metadata: applied at once
    def getattr(self, path, fh=None):
        with self._mutex:
            self._check()
            full = self._path(path)
            try:
                st = os.lstat(full)
            except FileNotFoundError:
                raise FuseOSError(errno.ENOENT)
            attrs = {k: getattr(st, k) for k in ('st_mode', 'st_nlink', 'st_uid', 'st_gid', 'st_size',
                                                 'st_atime', 'st_mtime', 'st_ctime')}
            if full in self.files:
                attrs['st_size'] = self.files[full].size
            return attrs

    def readdir(self, path, fh):
        with self._mutex:
            self._check()
            return ['.', '..'] + os.listdir(self._path(path))

    def mkdir(self, path, mode):
        with self._mutex:
            self._check()
            os.mkdir(self._path(path), mode)

    def rmdir(self, path):
        with self._mutex:
            self._check()
            os.rmdir(self._path(path))

    def chmod(self, path, mode):
        with self._mutex:
            self._check()
            os.chmod(self._path(path), mode)

    def chown(self, path, uid, gid):
        with self._mutex:
            self._check()
            os.chown(self._path(path), uid, gid)

    def utimens(self, path, times=None):
        with self._mutex:
            self._check()
            os.utime(self._path(path), times)

    def statfs(self, path):
        st = os.statvfs(self.backing)
        return {k: getattr(st, k) for k in ('f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail', 'f_ffree',
                                            'f_files', 'f_flag', 'f_frsize', 'f_namemax')}

    def unlink(self, path):
        with self._mutex:
            self._check()
            full = self._path(path)
            os.unlink(full)
            self.files.pop(full, None)

    def rename(self, old, new):
        with self._mutex:
            self._check()
            src, dst = self._path(old), self._path(new)
            os.rename(src, dst)
            self.files.pop(dst, None)
            if src in self.files:
                self.files[dst] = self.files.pop(src)

    # ------------------------------------------------------------------ data: kept until fsync
    def create(self, path, mode, fi=None):
        with self._mutex:
            if path == TRIGGER:
                self.files.clear()
                self.dead = True
                self.cuts += 1
                print('power cut', flush=True)
                raise FuseOSError(errno.EIO)
            self._check()
            fd = os.open(self._path(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
            os.close(fd)
            return 0

    def open(self, path, flags):
        with self._mutex:
            self._check()
            full = self._path(path)
            if not os.path.exists(full):
                raise FuseOSError(errno.ENOENT)
            if flags & os.O_TRUNC:
                self._state(full).size = 0
                self.files[full].pages.clear()
            return 0

    def read(self, path, size, offset, fh):
        with self._mutex:
            self._check()
            full = self._path(path)
            state = self.files.get(full)
            if state is None:
                with open(full, 'rb') as f:
                    f.seek(offset)
                    return f.read(size)
            end = min(offset + size, state.size)
            out = bytearray()
            pos = offset
            while pos < end:
                index, within = divmod(pos, PAGE)
                take = min(PAGE - within, end - pos)
                out += self._page(full, state, index)[within:within + take]
                pos += take
            return bytes(out)

    def write(self, path, data, offset, fh):
        with self._mutex:
            self._check()
            full = self._path(path)
            state = self._state(full)
            pos, view = offset, memoryview(data)
            while view:
                index, within = divmod(pos, PAGE)
                take = min(PAGE - within, len(view))
                self._page(full, state, index)[within:within + take] = view[:take]
                view = view[take:]
                pos += take
            state.size = max(state.size, offset + len(data))
            return len(data)

    def truncate(self, path, length, fh=None):
        with self._mutex:
            self._check()
            full = self._path(path)
            state = self._state(full)
            state.size = length
            for index in [i for i in state.pages if i * PAGE >= length]:
                del state.pages[index]
            if length % PAGE and (length // PAGE) in state.pages:
                page = state.pages[length // PAGE]
                page[length % PAGE:] = bytes(PAGE - length % PAGE)

    def fsync(self, path, datasync, fh):
        with self._mutex:
            self._check()
            self._sync(self._path(path))
            return 0

    def flush(self, path, fh):
        with self._mutex:
            self._check()
            return 0

    def release(self, path, fh):
        return 0


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    backing, mountpoint = sys.argv[1], sys.argv[2]
    disk = PowerCutDisk(backing)

    def ready():
        # FUSE() blocks; say "ready" once the kernel answers for the mount point.
        import time
        for _ in range(200):
            if os.path.ismount(mountpoint):
                print('ready', flush=True)
                return
            time.sleep(0.05)
    threading.Thread(target=ready, daemon=True).start()
    FUSE(disk, mountpoint, foreground=True, nothreads=False, default_permissions=False)


if __name__ == '__main__':
    main()
