package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.LinkedHashMap;
import java.util.Map;

/** Totals of MACs, element ops and parameters over a graph, with the per-node breakdown. */
public record GraphCost(long macs, long elementOps, long params, Map<String, NodeCost> perNode) {

    public static GraphCost of(Graph g, int batch) {
        return of(g, ShapeInference.infer(g, batch));
    }

    public static GraphCost of(Graph g, Map<String, TensorInfo> shapes) {
        Map<String, NodeCost> per = new LinkedHashMap<>();
        NodeCost total = NodeCost.ZERO;
        for (NodeProto n : g.nodes()) {
            NodeCost c = NodeCost.of(g, n, shapes);
            per.put(n.getName().isEmpty() ? n.getOutput(0) : n.getName(), c);
            total = total.plus(c);
        }
        return new GraphCost(total.macs(), total.elementOps(), total.params(), per);
    }
}
