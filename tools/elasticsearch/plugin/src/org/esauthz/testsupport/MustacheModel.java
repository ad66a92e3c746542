/*
 * How templates see their parameters (es-authz test-support Mustache engine).
 *
 * mustache.java's ReflectionObjectHandler already resolves a dotted name by trying the literal key
 * first and then walking maps; we add what lang-mustache adds on top: lists and arrays behave as
 * maps from index to element (plus "size") while still iterating as lists, and no reflective
 * member lookup on arbitrary objects (only maps, lists and arrays are navigable).
 */
package org.esauthz.testsupport;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Array;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.mustachejava.reflect.ReflectionObjectHandler;

final class MustacheModel extends ReflectionObjectHandler {

    @Override
    public Object coerce(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> collection) {
            return new IndexedView(new ArrayList<>(collection));
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(Array.get(value, i));
            }
            return new IndexedView(items);
        }
        return super.coerce(value);
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected AccessibleObject findMember(Class type, String name) {
        return null;
    }

    @Override
    public String stringify(Object value) {
        return value instanceof String s ? s : super.stringify(value);
    }

    /** A list seen as {index -> element, "size" -> n} that still iterates as the list. */
    static final class IndexedView extends AbstractMap<Object, Object> implements Iterable<Object> {
        private final List<Object> items;

        IndexedView(List<Object> items) {
            this.items = items;
        }

        List<Object> items() {
            return items;
        }

        @Override
        public Object get(Object key) {
            if ("size".equals(key)) {
                return items.size();
            }
            int index;
            if (key instanceof Number n) {
                index = n.intValue();
            } else {
                try {
                    index = Integer.parseInt(String.valueOf(key));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return index >= 0 && index < items.size() ? items.get(index) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            Map<Object, Object> byIndex = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                byIndex.put(i, items.get(i));
            }
            return byIndex.entrySet();
        }

        @Override
        public Iterator<Object> iterator() {
            return items.iterator();
        }

        // no toString override: like lang-mustache's CollectionMap, a list printed with {{name}}
        // renders as AbstractMap does ("{0=red, 1=green}")
    }
}
