# Invalid example for mtpsh:GroupShape: a group of unnamed organisations given a territory (dct:spatial maxCount 0).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX dep: <https://w3id.org/metropoles/id/departement/>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
INSERT DATA {
  orga:groupe-exemple dct:spatial dep:29 .
}
