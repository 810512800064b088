package dev.statestore.spi;

import java.util.List;

/** Renders provider metadata descriptions as documentation. */
public final class MetadataTables {

    private MetadataTables() {
    }

    /** Returns a Markdown table of the fields: name, whether required, default, and description. */
    public static String markdown(List<MetadataField> fields) {
        StringBuilder table = new StringBuilder("| field | required | default | description |\n|---|---|---|---|\n");
        for (MetadataField field : fields) {
            table.append("| `").append(field.name()).append("` | ").append(field.required() ? "yes" : "no")
                    .append(" | ").append(field.defaultValue().map(value -> "`" + value + "`").orElse(""))
                    .append(" | ").append(field.description().replace("|", "\\|"))
                    .append(field.sensitive() ? " Secret: redacted in logs and messages." : "")
                    .append(" |\n");
        }
        return table.toString();
    }
}
