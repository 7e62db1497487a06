package odcm.model.project;

import odcm.model.Names;

/** A package a step deploys, by id (e.g. "Acme.Web"); its version is fixed when a release is created. */
public record PackageReference(String packageId) {
    public PackageReference {
        packageId = Names.check("A package", packageId, 200);
    }
}
