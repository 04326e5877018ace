package io.windtunnel.traces;

import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interns keys (tuples of strings such as provider, region, zone, instance type, market) to dense {@code int}
 * ids, 0, 1, 2, ... in order of first appearance, so that rows store an {@code int} and the simulator indexes
 * arrays with it.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> setup-time only; {@link #intern} allocates.
 */
public final class KeyDictionary
{
    private static final char SEPARATOR = '\u001f';

    private final List<String> fieldNames;
    private final ObjectIntHashMap<String> ids = new ObjectIntHashMap<>();
    private final List<String[]> keys = new ArrayList<>();

    /**
     * @param fieldNames names of the key's fields, in order.
     */
    public KeyDictionary(final List<String> fieldNames)
    {
        this.fieldNames = List.copyOf(fieldNames);
    }

    /**
     * @param fields one value per field name; null is stored as the empty string.
     * @return the id of that key, new if not seen before.
     */
    public int intern(final String... fields)
    {
        if (fields.length != fieldNames.size())
        {
            throw new IllegalArgumentException(
                "key needs " + fieldNames.size() + " fields " + fieldNames + ", got " + fields.length);
        }
        final String[] normalized = new String[fields.length];
        final StringBuilder joined = new StringBuilder();
        for (int i = 0; i < fields.length; i++)
        {
            normalized[i] = fields[i] == null ? "" : fields[i];
            if (i > 0)
            {
                joined.append(SEPARATOR);
            }
            joined.append(normalized[i]);
        }
        final String lookup = joined.toString();
        final int existing = ids.getIfAbsent(lookup, -1);
        if (existing >= 0)
        {
            return existing;
        }
        final int id = keys.size();
        ids.put(lookup, id);
        keys.add(normalized);
        return id;
    }

    /**
     * @param fields one value per field name.
     * @return the key's id, or -1 if it was never interned.
     */
    public int find(final String... fields)
    {
        return ids.getIfAbsent(String.join(String.valueOf(SEPARATOR), fields), -1);
    }

    /**
     * @param keyId an id returned by {@link #intern}.
     * @param field index into {@link #fieldNames()}.
     * @return that field of that key.
     */
    public String field(final int keyId, final int field)
    {
        return keys.get(keyId)[field];
    }

    /**
     * @param keyId an id returned by {@link #intern}.
     * @return a copy of all fields of that key.
     */
    public String[] fields(final int keyId)
    {
        return keys.get(keyId).clone();
    }

    /**
     * @param keyId an id.
     * @return the key's fields joined with {@code /}, skipping empty ones, for messages and reports.
     */
    public String describe(final int keyId)
    {
        final StringBuilder out = new StringBuilder();
        for (final String field : keys.get(keyId))
        {
            if (!field.isEmpty())
            {
                if (out.length() > 0)
                {
                    out.append('/');
                }
                out.append(field);
            }
        }
        return out.length() == 0 ? "(all)" : out.toString();
    }

    /**
     * @return number of distinct keys.
     */
    public int size()
    {
        return keys.size();
    }

    /**
     * @return names of the key's fields.
     */
    public List<String> fieldNames()
    {
        return fieldNames;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof KeyDictionary))
        {
            return false;
        }
        final KeyDictionary other = (KeyDictionary)o;
        if (!fieldNames.equals(other.fieldNames) || keys.size() != other.keys.size())
        {
            return false;
        }
        for (int i = 0; i < keys.size(); i++)
        {
            if (!Arrays.equals(keys.get(i), other.keys.get(i)))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode()
    {
        return fieldNames.hashCode() * 31 + keys.size();
    }
}
