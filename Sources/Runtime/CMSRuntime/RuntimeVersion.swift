/// The handshake between generated code and this runtime.
///
/// Every generated client refers to `CMSRuntimeVersion6`, once, in its client file. A runtime that changes what generated code relies on bumps the
/// number: code generated for an older runtime then fails to build with the message below, and code generated for a
/// newer one fails with "cannot find 'CMSRuntimeVersionN' in scope".
///
/// Version 2: types in a namespace per interface, query parameters, bodiless requests, `CMSRequestPart`.
/// Version 3: the envelope per interface (`CMSEnvelope` values), header parameters, request signers, empty answers.
/// Version 4: operation descriptors (`CMSOperation.perform`), one parse per response, helpers behind
/// `@_spi(Generated)`, tolerant decoding into the documented type (no `CMSFlexible`), shared types.
/// Version 5: error bodies (`CMSErrorBody`, `CMSHTTPFailure`), payloads that may be absent, AK/SK signing, module type
/// names of one's own (`--client-name`).
/// Version 6: parameters with documented values are enumerations (`CMSPathArgument.value` for them), test hooks
/// behind `@_spi(Testing)`.
public enum CMSRuntimeVersion6 {
    /// Referenced by generated code; does nothing.
    public static let isCompatible = true
}

@available(*, unavailable, message: "This code was generated for CMSRuntime version 5. Regenerate it: swift run cmsgen generate")
public enum CMSRuntimeVersion5 {
    public static let isCompatible = true
}

@available(*, unavailable, message: "This code was generated for CMSRuntime version 4. Regenerate it: swift run cmsgen generate")
public enum CMSRuntimeVersion4 {
    public static let isCompatible = true
}

@available(*, unavailable, message: "This code was generated for CMSRuntime version 3. Regenerate it: swift run cmsgen generate")
public enum CMSRuntimeVersion3 {
    public static let isCompatible = true
}

@available(*, unavailable, message: "This code was generated for CMSRuntime version 2. Regenerate it: swift run cmsgen generate")
public enum CMSRuntimeVersion2 {
    public static let isCompatible = true
}

@available(*, unavailable, message: "This code was generated for CMSRuntime version 1. Regenerate it: swift run cmsgen generate")
public enum CMSRuntimeVersion1 {
    public static let isCompatible = true
}

@available(*, unavailable, message: "This code was generated for CMSRuntime version 0. Regenerate it: swift run cmsgen generate")
public enum CMSRuntimeVersion0 {
    public static let isCompatible = true
}
