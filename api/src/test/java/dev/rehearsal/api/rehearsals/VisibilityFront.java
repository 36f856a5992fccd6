package dev.rehearsal.api.rehearsals;

import io.grpc.CallOptions;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testserver.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Temporal frontend on 127.0.0.1 for tests of the list through visibility: it forwards every call to the SDK's
 * in-memory test server, and answers ListWorkflowExecutions (which that server lacks) itself, by evaluating the
 * query ({@link VisibilityQueryEvaluator}, strict) over every execution's recorded search attributes, in Temporal's
 * default order (open runs first, then by close time, newest first; then newest start), paged by offset. Every query it was sent is kept, so tests can see what the app asked. Given a retention,
 * it says so when asked about the namespace and forgets closed runs after it, as a real server does.
 */
final class VisibilityFront implements AutoCloseable {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** Temporal's documented default: {@code CloseTime DESC NULLS FIRST, StartTime DESC} (open runs first). */
  private static final Comparator<WorkflowExecutionInfo> TEMPORAL_DEFAULT_ORDER =
      Comparator.comparing((WorkflowExecutionInfo info) -> info.hasCloseTime())
          .thenComparing(Comparator.comparing((WorkflowExecutionInfo info) -> time(info.getCloseTime())).reversed())
          .thenComparing(Comparator.comparing((WorkflowExecutionInfo info) -> time(info.getStartTime())).reversed());

  private final TestServer.InProcessTestServer backend = TestServer.createServer(true);
  private final ManagedChannel channel = backend.getChannel();
  private final WorkflowServiceGrpc.WorkflowServiceBlockingStub workflows = WorkflowServiceGrpc.newBlockingStub(channel);
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final Server server;
  private final Duration retention;

  VisibilityFront() {
    this(null);
  }

  /** @param retention null: the test server's namespace as it is (no retention), closed runs never forgotten */
  VisibilityFront(Duration retention) {
    this.retention = retention;
    ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(WorkflowServiceGrpc.SERVICE_NAME)
        .addMethod(WorkflowServiceGrpc.getListWorkflowExecutionsMethod(), ServerCalls.asyncUnaryCall(this::list));
    if (retention != null) {
      service.addMethod(WorkflowServiceGrpc.getDescribeNamespaceMethod(), ServerCalls.asyncUnaryCall(this::describeNamespace));
    }
    ServerServiceDefinition listing = service.build();
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(listing)
          .fallbackHandlerRegistry(new Forward())
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Closed when the test JVM ends, after the app whose worker polls it (its test closes that app).
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  List<String> queries() {
    return List.copyOf(queries);
  }

  private void list(ListWorkflowExecutionsRequest request, StreamObserver<ListWorkflowExecutionsResponse> answer) {
    queries.add(request.getQuery());
    Predicate<WorkflowExecutionMetadata> matches;
    try {
      matches = VisibilityQueryEvaluator.parse(request.getQuery());
    } catch (RuntimeException malformed) {
      answer.onError(Status.INVALID_ARGUMENT.withDescription("invalid query: " + malformed.getMessage()).asRuntimeException());
      return;
    }
    int offset;
    try {
      offset = request.getNextPageToken().isEmpty() ? 0 : Integer.parseInt(request.getNextPageToken().toString(StandardCharsets.UTF_8));
    } catch (NumberFormatException forged) {
      answer.onError(Status.INVALID_ARGUMENT.withDescription("invalid page token").asRuntimeException());
      return;
    }
    List<WorkflowExecutionInfo> found = executions(request.getNamespace()).stream()
        .filter(info -> matches.test(new WorkflowExecutionMetadata(info, DefaultDataConverter.STANDARD_INSTANCE)))
        .sorted(TEMPORAL_DEFAULT_ORDER)
        .toList();
    int end = Math.min(found.size(), offset + request.getPageSize());
    ListWorkflowExecutionsResponse.Builder page = ListWorkflowExecutionsResponse.newBuilder()
        .addAllExecutions(found.subList(Math.min(offset, end), end));
    if (end < found.size() || (end == found.size() && end - offset == request.getPageSize())) {
      // Like a SQL visibility store: a full page has a next token, even when nothing follows.
      page.setNextPageToken(com.google.protobuf.ByteString.copyFromUtf8(Integer.toString(end)));
    }
    answer.onNext(page.build());
    answer.onCompleted();
  }

  private static Instant time(com.google.protobuf.Timestamp at) {
    return Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
  }

  private void describeNamespace(DescribeNamespaceRequest request, StreamObserver<DescribeNamespaceResponse> answer) {
    DescribeNamespaceResponse namespace = workflows.describeNamespace(request);
    answer.onNext(namespace.toBuilder().setConfig(namespace.getConfig().toBuilder().setWorkflowExecutionRetentionTtl(
        com.google.protobuf.Duration.newBuilder().setSeconds(retention.getSeconds()).setNanos(retention.getNano()))).build());
    answer.onCompleted();
  }

  /** Every execution the test server knows, as Describe shows it (search attributes included). */
  private List<WorkflowExecutionInfo> executions(String namespace) {
    List<io.temporal.api.common.v1.WorkflowExecution> ids = new ArrayList<>();
    workflows.listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace)
        .setMaximumPageSize(10_000).build()).getExecutionsList().forEach(info -> ids.add(info.getExecution()));
    workflows.listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace)
        .setMaximumPageSize(10_000).build()).getExecutionsList().forEach(info -> ids.add(info.getExecution()));
    return ids.stream().map(execution -> workflows.describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
        .setNamespace(namespace).setExecution(execution).build()).getWorkflowExecutionInfo())
        .filter(info -> retention == null || !info.hasCloseTime()
            || Instant.ofEpochSecond(info.getCloseTime().getSeconds()).isAfter(Instant.now().minus(retention)))
        .toList();
  }

  /** Any other call goes to the test server as it came. */
  private final class Forward extends HandlerRegistry {
    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> method = MethodDescriptor.newBuilder(BYTES, BYTES)
          .setFullMethodName(methodName).setType(MethodDescriptor.MethodType.UNARY).build();
      return ServerMethodDefinition.create(method, ServerCalls.asyncUnaryCall((request, answer) -> {
        CallOptions options = CallOptions.DEFAULT;
        io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
        if (deadline != null) {
          options = options.withDeadline(deadline);
        }
        ClientCalls.asyncUnaryCall(channel.newCall(method, options), request, answer);
      }));
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }
}
