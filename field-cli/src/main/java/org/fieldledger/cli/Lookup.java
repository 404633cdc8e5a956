package org.fieldledger.cli;

import java.util.function.Supplier;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.LocalSite;
import org.fieldledger.client.LocalVisit;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.VisitId;

/** Finds what a command line names on the device, or says plainly that it is not there. */
final class Lookup {
    private Lookup() {
    }

    /** {@code smoke-alarm-installation@1}, or {@code smoke-alarm-installation} for its newest usable version. */
    static Template template(FieldDevice device, String text) {
        if (text.contains("@")) {
            Template template;
            try {
                template = device.template(TemplateRef.parse(text));
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCode.USAGE, "not a checklist: " + text + " (" + e.getMessage() + ")");
            }
            if (template == null) {
                throw notFound("checklist " + text, "field templates");
            }
            return template;
        }
        Template newest = null;
        for (Template template : device.templates()) {
            if (template.ref().id().value().equals(text)
                    && (newest == null || template.ref().version() > newest.ref().version())) {
                newest = template;
            }
        }
        if (newest == null) {
            throw notFound("checklist " + text, "field templates");
        }
        return newest;
    }

    static LocalSite site(FieldDevice device, String id) {
        return find(() -> device.site(new SiteId(id)), "site " + id, "field sites");
    }

    static LocalVisit visit(FieldDevice device, String id) {
        return find(() -> device.visit(new VisitId(id)), "visit " + id, "field visits");
    }

    /** A malformed id names nothing on the device, so it gets the same answer as an unknown one. */
    private static <T> T find(Supplier<T> lookup, String what, String listing) {
        T found;
        try {
            found = lookup.get();
        } catch (IllegalArgumentException e) {
            found = null;
        }
        if (found == null) {
            throw notFound(what, listing);
        }
        return found;
    }

    private static CliFailure notFound(String what, String listing) {
        return new CliFailure(ExitCode.USAGE, "there is no " + what + " on this device (`" + listing
                + "` lists them; `field sync` fetches new ones)");
    }
}
