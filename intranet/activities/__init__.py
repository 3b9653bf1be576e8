"""Partners' activities and educational offer: submitted by a partner with an uitgebreid
membership, reviewed by the projectleider, public once published."""
