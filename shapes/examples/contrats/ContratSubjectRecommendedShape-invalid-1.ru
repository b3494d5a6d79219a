# Invalid example for mtpsh:ContratSubjectRecommendedShape: contract without dct:subject (warning).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX thm: <https://w3id.org/metropoles/code/themes-cooperation-interterritoriale/>
DELETE DATA {
  ctr:ct-brest-cob dct:subject thm:mobilite .
}
