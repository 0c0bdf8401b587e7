// This target's client is generated when the package builds (the GenerateCMSClientOnBuild plugin), from the
// pages that cmsgen.json names, keeping the names of .cmsgen-names.lock. SwiftPM needs a source file of its own in
// the target's folder.
