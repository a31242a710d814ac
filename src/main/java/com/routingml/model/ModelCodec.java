package com.routingml.model;

import com.routingml.access.Operation;
import com.routingml.access.Routing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary {@code index.bin} of a model version: schema, fitted encoder, encoded rows and their
 * routings. Starts with a magic number and a format version; a reader rejects any other.
 *
 * <p>Format 2 stores the operations' repeated texts (job codes and names, work centres, time units,
 * routing numbers) once, in a string table, and refers to them by index: decoding the same
 * (often Korean) strings once per operation would dominate the load time of a production-size
 * model, and the loaded model shares one String per distinct text. Format 1 (texts inline) is
 * still read, so a model store written by an earlier build keeps serving.
 *
 * <p>Format 3 adds each routing's last day in force ({@link Routing#validUntil()}), so a routing
 * that ends while the version serves stops being recommended. Formats 1 and 2 read as open-ended.
 */
final class ModelCodec {

    static final int MAGIC = 0x524D4C49; // "RMLI"
    static final int FORMAT = 3;
    private static final int FORMAT_INLINE_TEXTS = 1;
    private static final int FORMAT_WITHOUT_VALIDITY = 2;
    private static final int NULL_TEXT = -1;
    private static final long NO_TIME = Long.MIN_VALUE;

    private ModelCodec() {
    }

    static void write(RoutingModel m, DataOutputStream out) throws IOException {
        SimilarityIndex idx = m.index();
        FeatureEncoder enc = idx.encoder();
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        List<FeatureSpec> features = enc.schema().features();
        out.writeInt(features.size());
        for (FeatureSpec f : features) {
            out.writeUTF(f.column());
            out.writeUTF(f.kind().name());
            out.writeDouble(f.weight());
            writeNullable(out, f.unitColumn());
        }
        out.writeDouble(enc.sentinel());
        out.writeDouble(idx.bandwidth());
        for (List<String> vocab : enc.vocabularies()) {
            out.writeInt(vocab.size());
            for (String v : vocab) {
                out.writeUTF(v);
            }
        }
        double[] c = enc.centers();
        double[] s = enc.scales();
        for (int j = 0; j < c.length; j++) {
            out.writeDouble(c[j]);
            out.writeDouble(s[j]);
        }
        Map<String, Integer> texts = textTable(m);
        out.writeInt(texts.size());
        for (String t : texts.keySet()) {
            out.writeUTF(t);
        }
        out.writeInt(m.size());
        for (int i = 0; i < m.size(); i++) {
            out.writeUTF(m.itemCodes().get(i));
            FeatureEncoder.Encoded e = idx.row(i);
            for (int code : e.categorical()) {
                out.writeInt(code);
            }
            for (float z : e.lengths()) {
                out.writeFloat(z);
            }
            List<Routing> rs = m.routings().get(i);
            out.writeInt(rs.size());
            for (Routing r : rs) {
                writeText(out, texts, r.routingNo());
                out.writeLong(r.insertedAt() == null ? NO_TIME : r.insertedAt().toEpochSecond(ZoneOffset.UTC));
                out.writeLong(r.validUntil() == null ? NO_TIME : r.validUntil().toEpochDay());
                out.writeInt(r.operations().size());
                for (Operation op : r.operations()) {
                    out.writeInt(op.procSeq());
                    writeText(out, texts, op.jobCode());
                    writeText(out, texts, op.jobName());
                    writeText(out, texts, op.resourceCode());
                    writeText(out, texts, op.resourceName());
                    out.writeBoolean(op.inHouse());
                    writeText(out, texts, op.timeUnit());
                    out.writeDouble(op.setupTime());
                    out.writeDouble(op.runTime());
                }
            }
        }
    }

    static RoutingModel read(ModelMetadata meta, DataInputStream in) throws IOException, ModelFormatException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new ModelFormatException("not a Routing ML index (magic " + Integer.toHexString(magic) + ")");
        }
        int format = in.readInt();
        if (format != FORMAT && format != FORMAT_WITHOUT_VALIDITY && format != FORMAT_INLINE_TEXTS) {
            throw new ModelFormatException("index format " + format + " is not supported (this build reads "
                    + FORMAT + ")");
        }
        int nf = in.readInt();
        List<FeatureSpec> features = new ArrayList<>(nf);
        for (int i = 0; i < nf; i++) {
            String col = in.readUTF();
            FeatureSpec.Kind kind;
            try {
                kind = FeatureSpec.Kind.valueOf(in.readUTF());
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("unknown feature kind for " + col, e);
            }
            features.add(new FeatureSpec(col, kind, in.readDouble(), readNullable(in)));
        }
        FeatureSchema schema = new FeatureSchema(features);
        double sentinel = in.readDouble();
        double bandwidth = in.readDouble();
        long cats = features.stream().filter(FeatureSpec::categorical).count();
        int lens = (int) (nf - cats);
        List<List<String>> vocab = new ArrayList<>();
        for (int j = 0; j < cats; j++) {
            int size = in.readInt();
            List<String> values = new ArrayList<>(size);
            for (int c = 0; c < size; c++) {
                values.add(in.readUTF());
            }
            vocab.add(values);
        }
        double[] center = new double[lens];
        double[] scale = new double[lens];
        for (int j = 0; j < lens; j++) {
            center[j] = in.readDouble();
            scale[j] = in.readDouble();
        }
        FeatureEncoder enc = new FeatureEncoder(schema, vocab, center, scale, sentinel);
        String[] texts = null;
        if (format != FORMAT_INLINE_TEXTS) {
            texts = new String[in.readInt()];
            for (int t = 0; t < texts.length; t++) {
                texts[t] = in.readUTF();
            }
        }
        int n = in.readInt();
        List<String> codes = new ArrayList<>(n);
        List<FeatureEncoder.Encoded> rows = new ArrayList<>(n);
        List<List<Routing>> routings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String item = in.readUTF();
            codes.add(item);
            int[] cat = new int[(int) cats];
            for (int j = 0; j < cat.length; j++) {
                cat[j] = in.readInt();
            }
            float[] len = new float[lens];
            for (int j = 0; j < lens; j++) {
                len[j] = in.readFloat();
            }
            rows.add(new FeatureEncoder.Encoded(cat, len));
            int nr = in.readInt();
            List<Routing> rs = new ArrayList<>(nr);
            for (int r = 0; r < nr; r++) {
                String routNo = readText(in, texts);
                long t = in.readLong();
                long until = format >= FORMAT ? in.readLong() : NO_TIME;
                int nops = in.readInt();
                List<Operation> ops = new ArrayList<>(nops);
                for (int o = 0; o < nops; o++) {
                    int procSeq = in.readInt();
                    String jobCode = texts == null ? in.readUTF() : readText(in, texts);
                    ops.add(new Operation(procSeq, jobCode, readText(in, texts), readText(in, texts),
                            readText(in, texts), in.readBoolean(), readText(in, texts), in.readDouble(),
                            in.readDouble()));
                }
                LocalDateTime insertedAt = t == NO_TIME ? null : LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC);
                LocalDate lastDay = until == NO_TIME ? null : LocalDate.ofEpochDay(until);
                rs.add(new Routing(item, routNo, insertedAt, ops, lastDay));
            }
            routings.add(rs);
        }
        if (in.read() != -1) {
            throw new ModelFormatException("index has trailing bytes after " + n + " rows");
        }
        return new RoutingModel(meta, new SimilarityIndex(enc, rows, bandwidth), codes, routings);
    }

    /** Every distinct text of the routings, in first-seen order, with its index. */
    private static Map<String, Integer> textTable(RoutingModel m) {
        Map<String, Integer> texts = new LinkedHashMap<>();
        for (List<Routing> rs : m.routings()) {
            for (Routing r : rs) {
                add(texts, r.routingNo());
                for (Operation op : r.operations()) {
                    add(texts, op.jobCode());
                    add(texts, op.jobName());
                    add(texts, op.resourceCode());
                    add(texts, op.resourceName());
                    add(texts, op.timeUnit());
                }
            }
        }
        return texts;
    }

    private static void add(Map<String, Integer> texts, String s) {
        if (s != null) {
            texts.putIfAbsent(s, texts.size());
        }
    }

    private static void writeText(DataOutputStream out, Map<String, Integer> texts, String s) throws IOException {
        out.writeInt(s == null ? NULL_TEXT : texts.get(s));
    }

    /** A text by its table index (format 2), or inline and nullable (format 1: {@code texts} is null). */
    private static String readText(DataInputStream in, String[] texts) throws IOException, ModelFormatException {
        if (texts == null) {
            return readNullable(in);
        }
        int i = in.readInt();
        if (i == NULL_TEXT) {
            return null;
        }
        if (i < 0 || i >= texts.length) {
            throw new ModelFormatException("text index " + i + " outside the table of " + texts.length);
        }
        return texts[i];
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
