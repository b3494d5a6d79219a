# Invalid example for mtpsh:GroupShape: a group of unnamed organisations carrying an official code (mtp:codeISTAT maxCount 0).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
INSERT DATA {
  orga:groupe-exemple mtp:codeISTAT "201" .
}
