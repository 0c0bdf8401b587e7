/// libxml2's own parse time, without building the document model: the baseline that benchmarks compare extraction with.
public enum ParseBaseline {
    /// Parses the bytes as the reader would (HTML or XML by file name) and frees the tree. Returns false when libxml2 gave no document.
    @discardableResult
    public static func parseOnly(bytes: [UInt8], displayPath: String) -> Bool {
        let text = String(decoding: bytes.prefix(512), as: UTF8.self)
        if PageReader.looksLikeXML(displayPath: displayPath, text: text) {
            return LibXMLDocument.xml(bytes, url: displayPath) != nil
        }
        return LibXMLDocument.html(bytes, url: displayPath).document != nil
    }
}
