package org.fieldledger.server.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the JSON documents of a folder, on the classpath (shipped in the jar) or on disk. Adding a notice or a
 * checklist is adding a file: nothing lists them by hand.
 */
public final class DocumentFiles {
    private DocumentFiles() {
    }

    /** The {@code .json} files directly under {@code folder} on the classpath, by name. */
    public static List<DocumentSource> onClasspath(String folder) {
        TreeMap<String, DocumentSource> found = new TreeMap<>();
        try {
            Enumeration<URL> roots = DocumentFiles.class.getClassLoader().getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("jar".equals(root.getProtocol())) {
                    readJarFolder(root, folder, found);
                } else if ("file".equals(root.getProtocol())) {
                    for (DocumentSource source : inDirectory(Path.of(root.toURI()), folder + "/")) {
                        found.putIfAbsent(source.name(), source);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath folder " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(found.values());
    }

    /** The {@code .json} files directly in {@code directory}, named {@code prefix + file name}; none if it is absent. */
    public static List<DocumentSource> inDirectory(Path directory, String prefix) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<DocumentSource> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(file) && file.getFileName().toString().endsWith(".json")) {
                    sources.add(new DocumentSource(prefix + file.getFileName(), Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return sources;
    }

    private static void readJarFolder(URL root, String folder, TreeMap<String, DocumentSource> found)
            throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(folder + "/") && name.endsWith(".json") && name.indexOf('/', folder.length() + 1) < 0) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        found.putIfAbsent(name, new DocumentSource(name, in.readAllBytes()));
                    }
                }
            }
        }
    }
}
