/*
 * es-authz test-support: a "mustache" script engine for the integ-test-zip Elasticsearch.
 *
 * Real clusters carry the lang-mustache module; the zip does not, so role mappings with
 * role_templates fail ("script_lang not supported [mustache]") and templated DLS queries fail at
 * search time. The security code only ever compiles templates in the TemplateScript contexts
 * (MustacheTemplateEvaluator -> ScriptService.compile(script, TemplateScript.CONTEXT)), so this
 * engine supports exactly those, on the same library Elasticsearch uses (mustache.java), and
 * reproduces the observable behaviour lang-mustache documents:
 *
 *   - values are escaped for the script's content type: JSON string escaping by default and for
 *     application/json, none for text/plain, form-encoding for application/x-www-form-urlencoded;
 *   - {{#toJson}}name{{/toJson}} renders a list or map as JSON (a scalar as its string);
 *   - {{#join}}name{{/join}} and {{#join delimiter='x'}}name{{/join delimiter='x'}} join a list;
 *   - {{#url}}...{{/url}} form-encodes what the section renders;
 *   - lists and arrays can be indexed ({{_user.roles.0}}) and have a size ({{list.size}});
 *   - dotted names resolve a literal key first ("metadata.x" in a flat role-mapping model), then
 *     walk nested maps;
 *   - no reflection on arbitrary objects, no partials.
 *
 * Test tooling only: compiled at set-up by tools/elasticsearch, never shipped.
 */
package org.esauthz.testsupport;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.DefaultCode;
import com.github.mustachejava.codes.WriteCode;
import org.elasticsearch.script.GeneralScriptException;
import org.elasticsearch.script.ScriptContext;
import org.elasticsearch.script.ScriptEngine;
import org.elasticsearch.script.ScriptException;
import org.elasticsearch.script.TemplateScript;

final class MustacheEngine implements ScriptEngine {

    static final String LANG = "mustache";
    /** Same option name as org.elasticsearch.script.Script.CONTENT_TYPE_OPTION. */
    private static final String CONTENT_TYPE_OPTION = "content_type";

    @Override
    public String getType() {
        return LANG;
    }

    @Override
    public Set<ScriptContext<?>> getSupportedContexts() {
        return Set.of(TemplateScript.CONTEXT, TemplateScript.INGEST_CONTEXT);
    }

    @Override
    public <T> T compile(String name, String source, ScriptContext<T> context, Map<String, String> options) {
        if (context.instanceClazz.equals(TemplateScript.class) == false) {
            throw new IllegalArgumentException("mustache engine does not know how to handle context [" + context.name + "]");
        }
        Escaping escaping = Escaping.forContentType(options == null ? null : options.get(CONTENT_TYPE_OPTION));
        Mustache template;
        try {
            template = new Factory(escaping).compile(new StringReader(source), "es-authz-template");
        } catch (MustacheException e) {
            throw new ScriptException(e.getMessage(), e, List.of(), source, LANG);
        }
        TemplateScript.Factory factory = params -> new Rendering(template, params);
        return context.factoryClazz.cast(factory);
    }

    /** One execution of a compiled template with its parameters. */
    private static final class Rendering extends TemplateScript {
        private final Mustache template;
        private final Map<String, Object> params;

        Rendering(Mustache template, Map<String, Object> params) {
            super(params);
            this.template = template;
            this.params = params;
        }

        @Override
        public String execute() {
            StringWriter out = new StringWriter();
            try {
                template.execute(out, params);
            } catch (RuntimeException e) {
                throw new GeneralScriptException("Error running " + template, e);
            }
            return out.toString();
        }
    }

    /** How {{value}} output is escaped, chosen by the script's content_type option. */
    enum Escaping {
        JSON,
        NONE,
        FORM;

        static Escaping forContentType(String contentType) {
            if (contentType == null) {
                return JSON;
            }
            return switch (contentType) {
                case "application/json", "application/json; charset=UTF-8" -> JSON;
                case "text/plain" -> NONE;
                case "application/x-www-form-urlencoded" -> FORM;
                default -> throw new IllegalArgumentException("No encoder found for MIME type [" + contentType + "]");
            };
        }

        void write(String value, Writer out) throws IOException {
            switch (this) {
                case JSON -> Json.writeEscaped(value, out);
                case NONE -> out.write(value);
                case FORM -> out.write(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    /** mustache.java factory with our escaping, object model and section functions. */
    private static final class Factory extends DefaultMustacheFactory {
        private final Escaping escaping;

        Factory(Escaping escaping) {
            this.escaping = escaping;
            setObjectHandler(new MustacheModel());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                escaping.write(value, writer);
            } catch (IOException e) {
                throw new MustacheException("Unable to encode value", e);
            }
        }

        @Override
        public Mustache compilePartial(String name) {
            throw new MustacheException("partials are not supported [" + name + "]");
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void iterable(TemplateContext tc, String variable, Mustache section) {
                    Code fn = Functions.create(tc, Factory.this, section, variable);
                    if (fn != null) {
                        list.add(fn);
                    } else {
                        super.iterable(tc, variable, section);
                    }
                }
            };
        }
    }

    /** The section functions lang-mustache offers: toJson, join, join delimiter='..', url. */
    private static final class Functions {
        private static final Pattern JOIN_WITH_DELIMITER = Pattern.compile("join delimiter='(.*)'");

        static Code create(TemplateContext tc, DefaultMustacheFactory df, Mustache section, String variable) {
            if ("toJson".equalsIgnoreCase(variable)) {
                return new ValueFunction(tc, df, section, variable, ValueFunction::toJson);
            }
            if ("join".equalsIgnoreCase(variable)) {
                return new ValueFunction(tc, df, section, variable, joiner(","));
            }
            Matcher m = JOIN_WITH_DELIMITER.matcher(variable);
            if (m.matches()) {
                return new ValueFunction(tc, df, section, variable, joiner(m.group(1)));
            }
            if ("url".equalsIgnoreCase(variable)) {
                return new UrlSection(tc, df, section, variable);
            }
            return null;
        }

        private static Render joiner(String delimiter) {
            return (value, identifier, oh) -> {
                if (value instanceof Iterable<?> items) {
                    StringJoiner joined = new StringJoiner(delimiter);
                    for (Object item : items) {
                        joined.add(oh.stringify(item));
                    }
                    return joined.toString();
                }
                // lang-mustache leaves the section's text in place when the value is not a list
                return identifier;
            };
        }
    }

    @FunctionalInterface
    private interface Render {
        /** @return the text to write unescaped, or null for nothing */
        String apply(Object value, String identifier, com.github.mustachejava.ObjectHandler oh);
    }

    /**
     * {{#fn}}identifier{{/fn}}: resolves the one identifier inside the section and writes what
     * the function makes of its value, unescaped (as lang-mustache does).
     */
    private static final class ValueFunction extends DefaultCode {
        private final String function;
        private final String identifier;
        private final Render render;

        ValueFunction(TemplateContext tc, DefaultMustacheFactory df, Mustache section, String function, Render render) {
            this(tc, df, section, function, identifierOf(section, function), render);
        }

        private ValueFunction(TemplateContext tc, DefaultMustacheFactory df, Mustache section, String function, String identifier, Render render) {
            super(tc, df, section, identifier, "#");
            this.function = function;
            this.identifier = identifier;
            this.render = render;
        }

        private static String identifierOf(Mustache section, String function) {
            Code[] codes = section.getCodes();
            if (codes == null || codes.length != 1 || (codes[0] instanceof WriteCode) == false) {
                throw new MustacheException("Mustache function [" + function + "] must contain one and only one identifier");
            }
            StringWriter text = new StringWriter();
            codes[0].execute(text, List.of());
            return text.toString();
        }

        static String toJson(Object value, String identifier, com.github.mustachejava.ObjectHandler oh) {
            if (value == null) {
                return null;
            }
            if (value instanceof Iterable<?> || value instanceof Map<?, ?> || value.getClass().isArray()) {
                StringBuilder sb = new StringBuilder();
                Json.write(value, sb);
                return sb.toString();
            }
            return oh.stringify(value);
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            String text = render.apply(get(scopes), identifier, oh);
            if (text != null) {
                try {
                    writer.write(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return appendText(writer);
        }

        @Override
        protected void tag(Writer writer, String tag) throws IOException {
            writer.write(tc.startChars());
            writer.write(tag);
            writer.write(function);
            writer.write(tc.endChars());
        }
    }

    /** {{#url}}...{{/url}}: renders the section, then form-encodes the result. */
    private static final class UrlSection extends DefaultCode {
        UrlSection(TemplateContext tc, DefaultMustacheFactory df, Mustache section, String variable) {
            super(tc, df, section, variable, "#");
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            StringWriter inner = new StringWriter();
            Code[] codes = mustache.getCodes();
            if (codes != null) {
                for (Code code : codes) {
                    code.execute(inner, scopes);
                }
            }
            try {
                writer.write(URLEncoder.encode(inner.toString(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return appendText(writer);
        }
    }
}
