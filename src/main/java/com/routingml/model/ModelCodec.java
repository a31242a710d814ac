package com.routingml.model;

import com.routingml.access.Operation;
import com.routingml.access.Routing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary {@code index.bin} of a model version: schema, fitted encoder, encoded rows and their
 * routings. Starts with a magic number and a format version; a reader rejects any other.
 */
final class ModelCodec {

    static final int MAGIC = 0x524D4C49; // "RMLI"
    static final int FORMAT = 1;
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
                writeNullable(out, r.routingNo());
                out.writeLong(r.insertedAt() == null ? NO_TIME : r.insertedAt().toEpochSecond(ZoneOffset.UTC));
                out.writeInt(r.operations().size());
                for (Operation op : r.operations()) {
                    out.writeInt(op.procSeq());
                    out.writeUTF(op.jobCode());
                    writeNullable(out, op.jobName());
                    writeNullable(out, op.resourceCode());
                    writeNullable(out, op.resourceName());
                    out.writeBoolean(op.inHouse());
                    writeNullable(out, op.timeUnit());
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
        if (format != FORMAT) {
            throw new ModelFormatException("index format " + format + " is not supported (this build reads " + FORMAT + ")");
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
                String routNo = readNullable(in);
                long t = in.readLong();
                int nops = in.readInt();
                List<Operation> ops = new ArrayList<>(nops);
                for (int o = 0; o < nops; o++) {
                    ops.add(new Operation(in.readInt(), in.readUTF(), readNullable(in), readNullable(in), readNullable(in),
                            in.readBoolean(), readNullable(in), in.readDouble(), in.readDouble()));
                }
                rs.add(new Routing(item, routNo, t == NO_TIME ? null : LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC), ops));
            }
            routings.add(rs);
        }
        if (in.read() != -1) {
            throw new ModelFormatException("index has trailing bytes after " + n + " rows");
        }
        return new RoutingModel(meta, new SimilarityIndex(enc, rows, bandwidth), codes, routings);
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
