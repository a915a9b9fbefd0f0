import Foundation
import KortompediaBuild
import KortompediaCore

/// The script `serve` puts before `</body>` of every page (and only in `serve`): it listens to
/// the server's event stream, reloads the page after a rebuild, and shows the diagnostics of a
/// failed rebuild as an overlay over the last good page. It builds the overlay with DOM calls
/// and `textContent`, so no message can inject markup.
public enum ReloadScript {
    /// Where the event stream is served.
    public static let eventsPath = "/__kortompedia/events"

    /// Replaced, in every HTML response, by the id of the build the page comes from.
    static let buildToken = "__KORTOMPEDIA_BUILD__"

    /// Replaced, in every HTML response, by the warnings of the page's source as a JSON array
    /// of `DiagnosticRecord`s (`[]` for none): shown in a corner of the page.
    static let warningsToken = "__KORTOMPEDIA_WARNINGS__"

    /// `warnings` as the JSON that replaces `warningsToken` inside a `<script>` element, with
    /// every `<` written `\u003c` (it stands only inside strings): no message can end the
    /// element (`</script>`) or make the parser run past its end (`<!--<script>`).
    static func warningsJSON(_ warnings: [DiagnosticRecord]) -> String {
        guard !warnings.isEmpty else { return "[]" }
        return (ServeJSON.string(warnings) ?? "[]").replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// `text` (a page, or `html`) with the script's tokens filled in: the id of the `build` it
    /// comes from, and the `warnings` of its source.
    static func filled(_ text: String, build: String, warnings: [DiagnosticRecord] = []) -> String {
        String(decoding: filled(Array(text.utf8), build: build, warnings: warnings), as: UTF8.self)
    }

    /// `filled(_:build:warnings:)` on the bytes of a page, as the server answers a request for
    /// one. The tokens are ASCII, so what lies around them is left as it was, byte for byte.
    /// Foundation's `replacingOccurrences` took 2 ms for a 20 kB page, most of the time a
    /// request took; this takes a few dozen microseconds.
    static func filled(_ page: [UInt8], build: String, warnings: [DiagnosticRecord] = []) -> [UInt8] {
        let withBuild = replacing(buildTokenBytes, with: Array(build.utf8), in: page)
        // The warnings' JSON only for a page that has the token (every page `serve` built).
        return replacing(warningsTokenBytes, in: withBuild) { Array(warningsJSON(warnings).utf8) }
    }

    private static let buildTokenBytes = Array(buildToken.utf8)
    private static let warningsTokenBytes = Array(warningsToken.utf8)

    /// `bytes` with every occurrence of `token` (not empty) replaced by `replacement`, from
    /// the start, occurrences not overlapping.
    static func replacing(_ token: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        replacing(token, in: bytes) { replacement }
    }

    /// `replacing(_:with:in:)` with the replacement made only when `token` occurs.
    private static func replacing(_ token: [UInt8], in bytes: [UInt8], with makeReplacement: () -> [UInt8]) -> [UInt8] {
        let starts = occurrences(of: token, in: bytes)
        guard !starts.isEmpty else { return bytes }
        let replacement = makeReplacement()
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + starts.count * replacement.count)
        var copied = 0
        for start in starts {
            out.append(contentsOf: bytes[copied..<start])
            out.append(contentsOf: replacement)
            copied = start + token.count
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// Where `token` (not empty) starts in `bytes`, from the start, occurrences not overlapping.
    private static func occurrences(of token: [UInt8], in bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        bytes.withUnsafeBufferPointer { bytes in
            token.withUnsafeBufferPointer { token in
                var index = 0
                while let found = ByteSearch.firstIndex(of: token, in: bytes, from: index) {
                    starts.append(found)
                    index = found + token.count
                }
            }
        }
        return starts
    }

    /// The `<script>` elements that `FullSiteBuilder` injects.
    public static let html = """
        <script type="application/json" id="kortompedia-warnings">\(warningsToken)</script>
        <script>/* kortompedia serve: live reload, and the page's warnings */
        (function () {
          var warnings = [];
          try { warnings = JSON.parse(document.getElementById("kortompedia-warnings").textContent); } catch (e) {}
          if (warnings.length > 0) {
            // A small button in a corner; the list opens on a click. Never in the way of reading.
            var panel = document.createElement("div");
            panel.id = "kortompedia-warnings-panel";
            panel.setAttribute("role", "status");
            panel.style.cssText = "position:fixed;right:12px;bottom:12px;z-index:2147483646;max-width:min(46rem,calc(100vw - 24px));" +
              "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#1a1a1a";
            var toggle = document.createElement("button");
            toggle.type = "button";
            toggle.setAttribute("aria-expanded", "false");
            toggle.textContent = warnings.length + (warnings.length === 1 ? " waarschuwing" : " waarschuwingen") + " bij deze pagina";
            toggle.style.cssText = "float:right;padding:6px 12px;border:1px solid #b78a00;border-radius:16px;background:#ffe08a;color:#1a1a1a;cursor:pointer;font:inherit";
            var list = document.createElement("div");
            list.hidden = true;
            list.style.cssText = "clear:both;margin-top:6px;padding:10px 14px;max-height:40vh;overflow:auto;background:#fff8e1;border:1px solid #b78a00;box-shadow:0 4px 16px rgba(0,0,0,.25)";
            warnings.forEach(function (d) {
              var line = document.createElement("div");
              line.className = "kortompedia-warning";
              line.textContent = d.file + (d.line ? ":" + d.line + ":" + d.column : "") + ": " + d.message;
              list.appendChild(line);
            });
            toggle.onclick = function () {
              list.hidden = !list.hidden;
              toggle.setAttribute("aria-expanded", String(!list.hidden));
            };
            panel.appendChild(toggle);
            panel.appendChild(list);
            document.body.appendChild(panel);
          }
          if (!window.EventSource) return;
          var served = "\(buildToken)", box = null;
          function hide() { if (box) { box.parentNode.removeChild(box); box = null; } }
          function show(list) {
            hide();
            box = document.createElement("div");
            box.id = "kortompedia-build-error";
            box.setAttribute("role", "alert");
            box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;" +
              "padding:12px 16px;background:#2d0a0a;color:#fff;border-top:4px solid #e5484d;" +
              "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.35)";
            var head = document.createElement("div");
            head.style.cssText = "font-weight:bold;margin-bottom:6px";
            head.textContent = "De site kon niet opnieuw gebouwd worden. Je ziet de laatste goede versie.";
            var close = document.createElement("button");
            close.type = "button";
            close.textContent = "\\u00d7";
            close.setAttribute("aria-label", "Sluiten");
            close.style.cssText = "float:right;background:none;border:0;color:#fff;font-size:20px;cursor:pointer";
            close.onclick = hide;
            box.appendChild(close);
            box.appendChild(head);
            list.forEach(function (d) {
              var line = document.createElement("div");
              line.textContent = d.file + (d.line ? ":" + d.line + ":" + d.column : "") + ": " + d.severity + ": " + d.message;
              line.style.color = d.severity === "error" ? "#ffb4b4" : "#ffe08a";
              box.appendChild(line);
            });
            document.body.appendChild(box);
          }
          var events = new EventSource("\(eventsPath)");
          events.addEventListener("hello", function (e) {
            if (JSON.parse(e.data).build !== served) location.reload();
          });
          events.addEventListener("reload", function (e) {
            var data = JSON.parse(e.data), here = location.pathname.replace(/index\\.html$/, "");
            try { here = decodeURI(here); } catch (error) {}
            // The new build serves this page as it stands (the fast path had shown the edit).
            if ((data.unchanged || []).indexOf(here) >= 0) { served = data.build; return; }
            location.reload();
          });
          events.addEventListener("build-error", function (e) { show(JSON.parse(e.data).diagnostics); });
        })();
        </script>

        """

    /// The page served while the first build runs; it reloads when the build is ready.
    static func buildingPage(build: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="nl">
        <head><meta charset="utf-8"><title>De site wordt gebouwd</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:3rem auto;padding:0 1rem}</style>
        </head>
        <body>
        <h1>De site wordt gebouwd…</h1>
        <p>Deze pagina laadt vanzelf opnieuw zodra de site klaar is.</p>
        \(filled(html, build: build))</body>
        </html>

        """
    }

    /// The page served for every path while no build has succeeded yet: the diagnostics, and
    /// the script, so that it reloads itself once the sources are fixed.
    static func errorPage(_ diagnostics: [DiagnosticRecord], build: String) -> String {
        let items = diagnostics.map { record in
            let location = record.line > 0 ? "\(record.file):\(record.line):\(record.column)" : record.file
            return "<li>\(HTMLEscaping.escape("\(location): \(record.severity.rawValue): \(record.message)"))</li>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="nl">
            <head><meta charset="utf-8"><title>De site bouwt niet</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:3rem auto;padding:0 1rem}li{font-family:ui-monospace,monospace;margin:.3rem 0}</style>
            </head>
            <body>
            <h1>De site kon niet gebouwd worden</h1>
            <p>Verbeter de fouten hieronder en bewaar het bestand: deze pagina laadt dan vanzelf opnieuw.</p>
            <ul>
            \(items)
            </ul>
            \(filled(html, build: build))</body>
            </html>

            """
    }
}
