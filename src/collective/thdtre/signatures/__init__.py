"""Digital signatures of original documents: verification (pure) and its Plone side."""
