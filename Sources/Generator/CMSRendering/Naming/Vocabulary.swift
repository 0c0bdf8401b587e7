import CMSSupport
/// The words cmsgen knows, to split run-together names (`querydetailcallinfo` → query detail call info) and to tell
/// vendor typos from words.
///
/// The list is fixed and ships with the generator: common English words (SCOWL, in `Naming/Words/`; see NOTICE), the
/// abbreviations of HTTP APIs, and the terms of contact-centre telephony. It is never learnt from the pages, so a
/// Swift name depends only on its own page: adding a page cannot rename another page's API.
struct Vocabulary: Sendable {
    /// Words that names are split into.
    private let common: Set<String>
    /// Every known word, for telling typos from words.
    private let known: Set<String>

    /// Abbreviations that HTTP APIs in general use in names.
    static let apiAbbreviations: Set<String> = [
        "acct", "ack", "addr", "api", "app", "apps", "arg", "args", "async", "attr", "attrs", "auth", "avg", "bool", "buf",
        "calc", "cfg", "cnt", "config", "configs", "conn", "ctx", "cur", "curr", "db", "dec", "def", "del", "desc", "dest",
        "dev", "dir", "dns", "doc", "docs", "dst", "dt", "dto", "enc", "env", "err", "errno", "ex", "exec", "ext", "fmt",
        "func", "grp", "gmt", "hdr", "hex", "http", "https", "idx", "img", "impl", "info", "init", "ip", "ipv", "json",
        "len", "lib", "lvl", "max", "mgmt", "mgr", "min", "msg", "msgs", "num", "obj", "op", "ops", "opr", "oper", "org",
        "param", "params", "pkg", "pos", "prev", "pri", "prop", "props", "ptr", "pwd", "qty", "req", "res", "resp", "ret",
        "rsp", "sdk", "seq", "sig", "sms", "src", "srv", "ssl", "stat", "stats", "str", "svc", "sync", "sys", "tcp",
        "tls", "tmp", "ts", "ttl", "tx", "txn", "tz", "udp", "uid", "uri", "url", "usr", "utc", "uuid", "val", "vals",
        "var", "ver", "xml",
    ]

    /// The two-letter words that names run together with each other (`bynumber`, `byidno`).
    static let shortNameWords: Set<String> = ["by", "id", "no", "of", "on", "in", "to", "ex"]

    /// Words of computing that the common English list is too old to have.
    static let computingWords: Set<String> = [
        "backend", "bitrate", "callback", "checksum", "codec", "config", "dataset", "datetime", "email", "endpoint",
        "filename", "firmware", "frontend", "hostname", "hotkey", "inbox", "keyword", "login", "logoff", "logon", "logout",
        "metadata", "middleware", "multicast", "namespace", "offline", "online", "passcode", "password", "payload",
        "plugin", "realtime", "signin", "signout", "subnet", "tenant", "timestamp", "timeout", "timezone", "unicast",
        "uptime", "upload", "download", "username", "userid", "webhook", "website", "whitelist", "blacklist", "workflow",
        "inbound", "outbound", "voicemail", "hotline", "hangup", "callee", "caller",
        // Cloud services.
        "resize", "reboot", "rebuild", "reinstall", "rollback", "failover", "autoscaling", "keypair", "keypairs", "unbind",
        "vpc", "vpcs", "eip", "eips", "elb", "ecs", "iam", "obs", "kms", "cidr", "vpn", "ipv4", "ipv6", "os", "nic",
        "workspace", "subnets", "hypervisor", "flavor", "flavors", "snapshot", "quota", "quotas",
    ]

    /// Verbs that name an action on a resource when they start a path's last segment (`…/servers/{id}/changeos`,
    /// `…/reboot`): the operation is named verb first (`changeServerOs`).
    static let actionVerbs: Set<String> = [
        "activate", "add", "apply", "approve", "assign", "attach", "batch", "bind", "cancel", "change", "check", "clone",
        "close", "copy", "deactivate", "detach", "disable", "enable", "expand", "export", "extend", "freeze", "import",
        "install", "lock", "migrate", "modify", "move", "open", "pause", "reboot", "rebuild", "recover", "refresh",
        "register", "reinstall", "release", "remove", "rename", "renew", "replace", "reset", "resize", "restart", "restore",
        "resume", "retry", "revoke", "rollback", "scale", "set", "shrink", "start", "stop", "submit", "suspend", "switch",
        "sync", "unbind", "unfreeze", "uninstall", "unlock", "unregister", "update", "upgrade", "validate", "verify",
    ]

    /// Terms of contact-centre telephony and CTI.
    static let telephonyTerms: Set<String> = [
        "acd", "ani", "asr", "cc", "cdr", "cdrs", "cti", "dnis", "dtmf", "ivr", "ivrs", "pbx", "sip", "tts", "uap", "vdn",
        "vdns", "voip",
    ]

    /// The vocabulary that ships with cmsgen.
    static let standard = Vocabulary(
        common: Vocabulary.wordList("common").union(apiAbbreviations).union(computingWords).union(telephonyTerms),
        rare: Vocabulary.wordList("rare")
    )

    init(common: Set<String>, rare: Set<String> = []) {
        self.common = Set(common.map { $0.lowercased() })
        known = self.common.union(rare.map { $0.lowercased() })
    }

    /// The words of `Naming/Words/<name>.txt` (SCOWL, see NOTICE), compiled in by the EmbedBuiltIns plugin.
    private static func wordList(_ name: String) -> Set<String> {
        Set(frontDecoded(builtInWordLists.first { $0.name == name }?.text ?? ""))
    }

    /// The words of a front-coded list, the format of `Naming/Words/*.txt`: the words in sorted order, one per line,
    /// each written as a digit, the number of leading letters it shares with the word before it (at most 9), then the
    /// rest of the word. `abandon`, `7ed`, `7ing` is abandon, abandoned, abandoning.
    static func frontDecoded(_ text: String) -> [String] {
        var words: [String] = []
        var previous: [UInt8] = []
        // Bytes, not Characters: the lists are ASCII, and this runs on every start of cmsgen.
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let digit = line.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { continue }
            var word = Array(previous.prefix(Int(digit - UInt8(ascii: "0"))))
            word += line.dropFirst()
            words.append(String(decoding: word, as: UTF8.self))
            previous = word
        }
        return words
    }

    /// Whether `word` is known, as it stands or inflected (`configed`, `datas`, `querying`).
    func contains(_ word: String) -> Bool { Vocabulary.includes(word.lowercased(), in: known) }

    /// Whether a name may be split into `word`: a common word, as it stands or inflected.
    func isCommon(_ word: String) -> Bool { Vocabulary.includes(word.lowercased(), in: common) }

    private static func includes(_ lower: String, in words: Set<String>) -> Bool {
        if words.contains(lower) { return true }
        for suffix in ["s", "es", "ed", "d", "ing", "er"] where lower.hasSuffix(suffix) {
            // A plural `s` may follow a two-letter word (`ids`); the other endings need a longer stem.
            let stem = lower.count - suffix.count
            guard stem >= (suffix == "s" ? 2 : 3) else { continue }
            if words.contains(String(lower.dropLast(suffix.count))) { return true }
        }
        return false
    }

    /// Lower-case ASCII words of a text.
    static func words(in text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(String.init)
    }

    /// Splits a run-together lower-case name into common words of two letters or more: the fewest words, and of
    /// splits into as many, the one whose words are most even in length (`totalskillstatus` → total skill status,
    /// not totals kill status). Two two-letter words in a row are a reading only when both are the short words of
    /// names (`querybyid` is query by id; `validator` is not valid at or).
    /// Nil when some part is not a common word. Digit runs stand as words of their own (`totalskillstatusex3` → total
    /// skill status ex 3).
    func segment(_ name: String) -> [String]? {
        let characters = Array(name.lowercased())
        let count = characters.count
        guard count > 0 else { return nil }
        // best[i][s]: the best split of the first i characters whose last word is short (s = 1), a short word of names
        // (s = 2) or neither (s = 0); lower (word count, sum of 1000 / word length) is better. Each entry keeps where
        // its last word starts and the state before it, so the words are read back once at the end: the work is linear
        // in the length of the name (words are at most 24 letters).
        struct Split {
            var words: Int
            var unevenness: Int
            var start: Int
            var previous: Int
        }
        var best: [[Split?]] = Array(repeating: [nil, nil, nil], count: count + 1)
        best[0][0] = Split(words: 0, unevenness: 0, start: 0, previous: 0)
        for end in 1...count {
            for start in stride(from: end - 1, through: max(0, end - 24), by: -1) {
                let piece = String(characters[start..<end])
                let isNumber = piece.allSatisfy(\.isNumber)
                guard isNumber || piece.count >= 2 && isCommon(piece) else { continue }
                // States: 0 after a longer word (or nothing), 1 after a short one, 2 after a short word of names.
                let isShort = !isNumber && piece.count == 2
                let isNameWord = Vocabulary.shortNameWords.contains(piece)
                for previousShort in 0..<3 {
                    guard let previous = best[start][previousShort] else { continue }
                    guard !(isShort && previousShort == 1), !(isShort && previousShort == 2 && !isNameWord) else { continue }
                    let candidate = Split(words: previous.words + 1, unevenness: previous.unevenness + 1000 / piece.count, start: start, previous: previousShort)
                    let slot = isShort ? (isNameWord ? 2 : 1) : 0
                    if let current = best[end][slot], (current.words, current.unevenness) <= (candidate.words, candidate.unevenness) { continue }
                    best[end][slot] = candidate
                }
            }
        }
        guard var slot = (0..<3).filter({ best[count][$0] != nil }).min(by: { a, b in
            let x = best[count][a]!, y = best[count][b]!
            return (x.words, x.unevenness) < (y.words, y.unevenness)
        }) else { return nil }
        var pieces: [String] = []
        var end = count
        while end > 0, let split = best[end][slot] {
            pieces.append(String(characters[split.start..<end]))
            end = split.start
            slot = split.previous
        }
        return pieces.reversed()
    }
}
