package org.fieldledger.server.catalog;

import java.util.List;
import java.util.stream.Collectors;
import org.fieldledger.server.document.DocumentException;

/** One or more catalog or template files that cannot be loaded; nothing from any of them was written. */
public final class CatalogLoadException extends RuntimeException {
    private final List<DocumentException> problems;

    public CatalogLoadException(List<DocumentException> problems) {
        super("Catalog not loaded, nothing was changed:\n" + problems.stream().map(DocumentException::getMessage)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<DocumentException> problems() {
        return problems;
    }
}
