import CLibXML2
import Foundation

/// Read-only helpers over a libxml2 node pointer. Valid only while its `LibXMLDocument` lives.
struct XMLNode {
    let pointer: xmlNodePtr

    /// The element name. libxml2's HTML parser lower-cases names; DITA names are lower case by definition.
    var name: String {
        guard let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }
    var isDocument: Bool { pointer.pointee.type == XML_DOCUMENT_NODE || pointer.pointee.type == XML_HTML_DOCUMENT_NODE }
    var isEntityReference: Bool { pointer.pointee.type == XML_ENTITY_REF_NODE }

    var line: Int { Int(xmlGetLineNo(pointer)) }

    /// The children, walked along libxml2's sibling links without building an array.
    var children: Children { Children(first: pointer.pointee.children) }

    var elementChildren: [XMLNode] { children.filter(\.isElement) }

    struct Children: Sequence {
        let first: xmlNodePtr?

        struct Iterator: IteratorProtocol {
            var upcoming: xmlNodePtr?

            mutating func next() -> XMLNode? {
                guard let node = upcoming else { return nil }
                upcoming = node.pointee.next
                return XMLNode(pointer: node)
            }
        }

        func makeIterator() -> Iterator { Iterator(upcoming: first) }
    }

    var parent: XMLNode? { pointer.pointee.parent.map(XMLNode.init(pointer:)) }

    var previousSibling: XMLNode? { pointer.pointee.prev.map(XMLNode.init(pointer:)) }

    /// The text content of a text node (entity references stay unexpanded and are skipped).
    var content: String {
        guard let raw = pointer.pointee.content else { return "" }
        return String(cString: raw)
    }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { cmskit_xmlFree(value) }
        return String(cString: value)
    }

    /// The `xml:lang` attribute.
    var xmlLang: String? {
        guard let value = xmlGetNsProp(pointer, "lang", "http://www.w3.org/XML/1998/namespace") else { return attribute("xml:lang") }
        defer { cmskit_xmlFree(value) }
        return String(cString: value)
    }

    /// The class attribute's tokens.
    var classes: [Substring] { (attribute("class") ?? "").split(separator: " ") }

    func hasClass(_ name: String) -> Bool { classes.contains { $0 == name } }

    /// Depth-first search, this node included.
    func first(where predicate: (XMLNode) -> Bool) -> XMLNode? {
        if predicate(self) { return self }
        for child in children where child.isElement {
            if let found = child.first(where: predicate) { return found }
        }
        return nil
    }

    func all(where predicate: (XMLNode) -> Bool) -> [XMLNode] {
        var result: [XMLNode] = []
        func visit(_ node: XMLNode) {
            if predicate(node) { result.append(node) }
            for child in node.children where child.isElement { visit(child) }
        }
        visit(self)
        return result
    }
}

/// Owns a parsed libxml2 document and frees it.
final class LibXMLDocument {
    let pointer: xmlDocPtr

    init(pointer: xmlDocPtr) { self.pointer = pointer }

    deinit { xmlFreeDoc(pointer) }

    var root: XMLNode? { xmlDocGetRootElement(pointer).map(XMLNode.init(pointer:)) }

    private static let initialise: Void = {
        xmlInitParser()
        cmskit_silenceErrors()
    }()

    /// What parsing HTML gave: the document, and the error that made libxml2 stop early, if one did.
    struct HTMLResult {
        var document: LibXMLDocument?
        /// libxml2 stops reading at an element nested deeper than `xmlParserMaxDepth` (256) and drops the rest of the
        /// page, even in recovery mode; this says where.
        var halted: (message: String, line: Int, column: Int)?
    }

    /// Parses HTML leniently (libxml2's HTML4 parser with recovery), never touching the network.
    static func html(_ bytes: [UInt8], url: String) -> HTMLResult {
        _ = initialise
        guard let context = htmlNewParserCtxt() else { return HTMLResult(document: nil) }
        defer { htmlFreeParserCtxt(context) }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlCtxtReadMemory(context, $0, Int32(buffer.count), url, "UTF-8", options)
            }
        }
        var halted: (message: String, line: Int, column: Int)?
        // A halted parser has stopped consuming input: disableSAX is 2 (libxml2 2.9–2.12) and the error is kept.
        if context.pointee.disableSAX != 0, let error = xmlCtxtGetLastError(context) {
            let message = error.pointee.message.map { String(cString: $0) } ?? "the parser stopped"
            halted = (message.trimmingCharacters(in: .whitespacesAndNewlines), Int(error.pointee.line), Int(error.pointee.int2))
        }
        return HTMLResult(document: document.map(LibXMLDocument.init(pointer:)), halted: halted)
    }

    /// Why the last XML parse on this thread failed, with its line and column, from libxml2.
    static func lastError() -> (message: String, line: Int, column: Int)? {
        guard let error = xmlGetLastError() else { return nil }
        let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
        return (message.trimmingCharacters(in: .whitespacesAndNewlines), Int(error.pointee.line), Int(error.pointee.int2))
    }

    /// Parses XML strictly, with no network, no DTD loading and no entity expansion. Nil when it is not well-formed.
    static func xml(_ bytes: [UInt8], url: String) -> LibXMLDocument? {
        _ = initialise
        xmlResetLastError()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), url, "UTF-8", options)
            }
        }
        return document.map(LibXMLDocument.init(pointer:))
    }
}
