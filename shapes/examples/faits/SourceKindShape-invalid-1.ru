# Invalid example for mtpsh:SourceKindShape: a kind taken from another scheme (mtp:natureSource/skos:inScheme hasValue nature-source).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX ns: <https://w3id.org/metropoles/code/nature-source/>
PREFIX to: <https://w3id.org/metropoles/code/type-organisation/>
DELETE DATA {
  <https://example.org/source/ct-brest-cob> mtp:natureSource ns:miroir .
} ;
INSERT DATA {
  <https://example.org/source/ct-brest-cob> mtp:natureSource to:METRO .
}
