def log = new File(basedir, 'build.log').text

['rewrite', 'check'].each { goal ->
    assert log.contains("[INFO] Skipping pgrelocate:${goal} (pgrelocate.skip=true)")
    assert log.contains("[INFO] Skipping pgrelocate:${goal} (pgrelocate.${goal}.skip=true)")
}
assert log.count('BUILD SUCCESS') == 2
assert !log.contains('pgrelocate:rewrite: ') && !log.contains('pgrelocate:check: ')

assert !new File(basedir, 'target/pgrelocate').exists()
assert new File(basedir, 'db/structure.sql').text.contains('WITH SCHEMA public;')
assert new File(basedir, 'db').list() as List == ['structure.sql']
