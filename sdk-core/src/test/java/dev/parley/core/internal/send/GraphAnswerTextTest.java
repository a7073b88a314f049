package dev.parley.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/** The answer's text is what OkHttp's {@code ResponseBody.string()} reads, whatever the charset or byte order mark. */
class GraphAnswerTextTest {
  private static final String JSON = "{\"recipient_id\":\"24680\",\"message_id\":\"m_caf\u00e9 \u4f60 \ud83d\udce6\"}";

  @Test
  void readsWhatOkHttpReads() throws Exception {
    List<String> types = new ArrayList<>(List.of("application/json; charset=UTF-8", "application/json",
        "application/json; charset=\"utf-8\"", "text/javascript; charset=UTF-8; extra=1", "application/json;charset=utf-8 ",
        "application/json; charset=ISO-8859-1", "application/json; charset=utf-16", "application/json; charset=UTF-16LE",
        "application/json; charset=utf-8x", "application/json; charset=utf8", "not a media type"));
    types.add(null);
    List<byte[]> bodies = new ArrayList<>();
    for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16LE)) {
      bodies.add(JSON.getBytes(charset));
    }
    bodies.add(new byte[0]);
    bodies.add(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, JSON.getBytes(StandardCharsets.UTF_8)));
    bodies.add(concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, JSON.getBytes(StandardCharsets.UTF_16BE)));
    bodies.add(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, JSON.getBytes(StandardCharsets.UTF_16LE)));
    bodies.add(concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, JSON.getBytes(Charset.forName("UTF-32BE"))));
    bodies.add(concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, JSON.getBytes(Charset.forName("UTF-32LE"))));
    bodies.add(new byte[] {(byte) 0xFF});
    bodies.add(new byte[] {0, 0x7B});
    for (String type : types) {
      for (byte[] body : bodies) {
        assertEquals(response(type, body).body().string(), GraphEndpoints.answerText(response(type, body)),
            type + " / " + body.length + " bytes");
      }
    }
  }

  @Test
  void onlyAnotherDeclaredCharsetLeavesTheCommonPath() {
    assertTrue(GraphEndpoints.utf8OrUndeclared("application/json; charset=UTF-8"));
    assertTrue(GraphEndpoints.utf8OrUndeclared("application/json"));
    assertTrue(GraphEndpoints.utf8OrUndeclared("application/json; CHARSET=\"Utf-8\""));
    assertFalse(GraphEndpoints.utf8OrUndeclared("application/json; charset=ISO-8859-1"));
    assertFalse(GraphEndpoints.utf8OrUndeclared("application/json; charset=utf-16"));
    assertFalse(GraphEndpoints.utf8OrUndeclared("application/json; charset=utf-8x"));
  }

  private static Response response(String type, byte[] body) {
    Response.Builder response = new Response.Builder()
        .request(new Request.Builder().url("http://localhost/v25.0/1/messages").build())
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .body(ResponseBody.create(body, type == null ? null : okhttp3.MediaType.parse(type)));
    if (type != null) {
      response.header("Content-Type", type);
    }
    return response.build();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }
}
