package dev.edgenas.android.sim;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/**
 * The "sync:" service behind adb push/pull: requests are a 4-byte id and a 4-byte little-endian
 * length; STAT/LST2/STA2 answer file status, LIST/LIS2 directory entries, SEND receives a file as
 * DATA chunks ended by DONE, RECV sends one, QUIT ends the session.
 */
final class SyncService implements DeviceConnection.DeviceService {
    static final int SYNC_DATA_MAX = 64 * 1024;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int ENOENT = 2;

    private final AdbdSimulator device;

    SyncService(AdbdSimulator device) {
        this.device = device;
    }

    @Override
    public void serve(AdbStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream.in);
        OutputStream out = new java.io.BufferedOutputStream(stream.out, SYNC_DATA_MAX + 8);
        while (true) {
            String id;
            int length;
            try {
                id = readId(in);
                length = readInt(in);
            } catch (EOFException e) {
                return;
            }
            if ("QUIT".equals(id)) {
                return;
            }
            if (length < 0 || length > 4096) {
                fail(out, "path too long");
                return;
            }
            byte[] arg = new byte[length];
            in.readFully(arg);
            String path = new String(arg, StandardCharsets.UTF_8);
            switch (id) {
                case "STAT" -> statV1(out, path);
                case "STA2", "LST2" -> statV2(out, id, path);
                case "LIST" -> list(out, path, false);
                case "LIS2" -> list(out, path, true);
                case "SEND" -> send(in, out, path);
                case "RECV" -> recv(out, path);
                default -> {
                    fail(out, "unknown sync request " + id);
                    return;
                }
            }
            out.flush();
        }
    }

    private BasicFileAttributes attributes(String devicePath) {
        try {
            return Files.readAttributes(device.sandbox().resolve(devicePath), BasicFileAttributes.class);
        } catch (IOException | Sandbox.SandboxEscapeException e) {
            return null;
        }
    }

    private static int mode(BasicFileAttributes a) {
        return a.isDirectory() ? S_IFDIR | 0755 : S_IFREG | 0644;
    }

    private void statV1(OutputStream out, String path) throws IOException {
        BasicFileAttributes a = attributes(path);
        ByteBuffer b = le(16).put(id("STAT"));
        if (a == null) {
            b.putInt(0).putInt(0).putInt(0);
        } else {
            b.putInt(mode(a)).putInt((int) a.size()).putInt(seconds(a.lastModifiedTime()));
        }
        out.write(b.array());
    }

    private void statV2(OutputStream out, String id, String path) throws IOException {
        BasicFileAttributes a = attributes(path);
        ByteBuffer b = le(72).put(id(id));
        putStatV2(b, a);
        out.write(b.array());
    }

    /** error, dev, ino, mode, nlink, uid, gid, size, atime, mtime, ctime: 68 bytes. */
    private static void putStatV2(ByteBuffer b, BasicFileAttributes a) {
        if (a == null) {
            b.putInt(ENOENT).putLong(0).putLong(0).putInt(0).putInt(0).putInt(0).putInt(0)
                    .putLong(0).putLong(0).putLong(0).putLong(0);
            return;
        }
        long mtime = seconds(a.lastModifiedTime());
        b.putInt(0).putLong(1).putLong(a.fileKey() == null ? 0 : a.fileKey().hashCode()).putInt(mode(a)).putInt(1)
                .putInt(2000).putInt(2000).putLong(a.size()).putLong(mtime).putLong(mtime).putLong(mtime);
    }

    private void list(OutputStream out, String path, boolean v2) throws IOException {
        Path dir;
        try {
            dir = device.sandbox().resolve(path);
        } catch (Sandbox.SandboxEscapeException e) {
            dir = null;
        }
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : (Iterable<Path>) children.sorted()::iterator) {
                    BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class);
                    byte[] name = child.getFileName().toString().getBytes(StandardCharsets.UTF_8);
                    ByteBuffer b;
                    if (v2) {
                        b = le(4 + 68 + 4 + name.length).put(id("DNT2"));
                        putStatV2(b, a);
                    } else {
                        b = le(20 + name.length).put(id("DENT")).putInt(mode(a)).putInt((int) a.size())
                                .putInt(seconds(a.lastModifiedTime()));
                    }
                    out.write(b.putInt(name.length).put(name).array());
                }
            }
        }
        out.write(le(v2 ? 76 : 20).put(id("DONE")).array()); // zero-filled end marker
    }

    private void send(DataInputStream in, OutputStream out, String spec) throws IOException {
        int comma = spec.lastIndexOf(',');
        String path = comma < 0 ? spec : spec.substring(0, comma);
        String problem = null;
        Path target = null;
        Path tmp = null;
        OutputStream file = null;
        try {
            target = device.sandbox().resolve(path);
            if (device.faults().pushFails) {
                throw new IOException("Read-only file system");
            }
            Files.createDirectories(target.getParent()); // "fixed_push_mkdir": the device makes parents
            tmp = Files.createTempFile(target.getParent(), ".push-", ".tmp");
            file = Files.newOutputStream(tmp);
        } catch (IOException | Sandbox.SandboxEscapeException e) {
            problem = "couldn't create file: " + e.getMessage();
        }
        byte[] buf = new byte[SYNC_DATA_MAX];
        try {
            while (true) {
                String id = readId(in);
                int n = readInt(in);
                if ("DONE".equals(id)) {
                    break; // n is the mtime
                }
                if (!"DATA".equals(id) || n < 0 || n > SYNC_DATA_MAX) {
                    fail(out, "unexpected " + id + " during SEND");
                    throw new java.net.ProtocolException("unexpected " + id + " during SEND");
                }
                in.readFully(buf, 0, n);
                if (file != null) {
                    file.write(buf, 0, n);
                }
            }
            if (file != null) {
                file.close();
                file = null;
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (java.net.ProtocolException e) {
            throw e; // out of step with the host: the session cannot go on
        } catch (IOException e) {
            if (problem == null) {
                problem = "write failed: " + e.getMessage();
            }
        } finally {
            if (file != null) {
                file.close();
            }
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
        if (problem != null) {
            fail(out, problem);
        } else {
            out.write(le(8).put(id("OKAY")).putInt(0).array());
        }
    }

    private void recv(OutputStream out, String path) throws IOException {
        InputStream file;
        try {
            Path p = device.sandbox().resolve(path);
            if (Files.isDirectory(p)) {
                fail(out, "Is a directory");
                return;
            }
            file = Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            fail(out, "No such file or directory");
            return;
        } catch (Sandbox.SandboxEscapeException e) {
            fail(out, e.getMessage());
            return;
        }
        try (file) {
            byte[] buf = new byte[SYNC_DATA_MAX];
            int n;
            while ((n = file.readNBytes(buf, 0, buf.length)) > 0) {
                out.write(le(8).put(id("DATA")).putInt(n).array());
                out.write(buf, 0, n);
            }
        }
        out.write(le(8).put(id("DONE")).putInt(0).array());
    }

    private static void fail(OutputStream out, String message) throws IOException {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        out.write(le(8 + m.length).put(id("FAIL")).putInt(m.length).put(m).array());
        out.flush();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] id(String id) {
        return id.getBytes(StandardCharsets.US_ASCII);
    }

    private static String readId(DataInputStream in) throws IOException {
        byte[] b = new byte[4];
        in.readFully(b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static int readInt(DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }

    private static int seconds(FileTime t) {
        return (int) (t.toMillis() / 1000);
    }
}
