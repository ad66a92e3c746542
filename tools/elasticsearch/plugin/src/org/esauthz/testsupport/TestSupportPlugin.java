/*
 * es-authz test-support plugin for the integ-test-zip Elasticsearch distribution.
 *
 * The zip ships without the analysis-common module, but the .security system index declares an
 * "email" analyzer (tokenizer uax_url_email, filters pattern_capture and unique). Without these
 * names every native-realm write fails. This plugin registers the three names on Lucene's own
 * classes, which the zip already carries in lib/lucene-analysis-common-*.jar.
 *
 * It also registers a "mustache" script engine (see MustacheEngine), which role mappings with
 * role_templates and templated DLS queries need and the zip lacks (no lang-mustache module).
 *
 * Test tooling only: it is compiled at set-up by tools/elasticsearch and never shipped.
 */
package org.esauthz.testsupport;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.ScriptPlugin;
import org.elasticsearch.script.ScriptContext;
import org.elasticsearch.script.ScriptEngine;

public class TestSupportPlugin extends Plugin implements AnalysisPlugin, ScriptPlugin {

    @Override
    public ScriptEngine getScriptEngine(Settings settings, Collection<ScriptContext<?>> contexts) {
        return new MustacheEngine();
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("uax_url_email", (indexSettings, env, name, settings) -> {
            int maxTokenLength = settings.getAsInt("max_token_length", 255);
            return TokenizerFactory.newFactory(name, () -> {
                UAX29URLEmailTokenizer tokenizer = new UAX29URLEmailTokenizer();
                tokenizer.setMaxTokenLength(maxTokenLength);
                return tokenizer;
            });
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        AnalysisProvider<TokenFilterFactory> patternCapture = (indexSettings, env, name, settings) -> {
            List<String> regexes = settings.getAsList("patterns");
            if (regexes.isEmpty()) {
                throw new IllegalArgumentException("pattern_capture filter [" + name + "] requires [patterns]");
            }
            Pattern[] patterns = regexes.stream().map(Pattern::compile).toArray(Pattern[]::new);
            boolean preserveOriginal = settings.getAsBoolean("preserve_original", true);
            return new NamedFilter(name) {
                @Override
                public TokenStream create(TokenStream in) {
                    return new PatternCaptureGroupTokenFilter(in, preserveOriginal, patterns);
                }
            };
        };
        AnalysisProvider<TokenFilterFactory> unique = (indexSettings, env, name, settings) -> new NamedFilter(name) {
            @Override
            public TokenStream create(TokenStream in) {
                // ES's own "unique" also drops repeats at other positions; for the security
                // index's email analyzer, dropping same-position repeats is equivalent enough.
                return new RemoveDuplicatesTokenFilter(in);
            }
        };
        return Map.of(
            "pattern_capture", AnalysisPlugin.requiresAnalysisSettings(patternCapture),
            "unique", unique
        );
    }

    private abstract static class NamedFilter implements TokenFilterFactory {
        private final String name;

        NamedFilter(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
