package org.juju.state.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "my-blog", "a1", "wordpress-2b", "x-y-z"})
    void acceptsServiceNamesOfTheOriginalForm(String name) {
        assertThat(ServiceName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MySQL", "1db", "db-1", "my_sql", "-db", "db-", "a--1"})
    void refusesServiceNamesThatWouldMakeUnitKeysAmbiguous(String name) {
        assertThatThrownBy(() -> ServiceName.of(name))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("invalid service name '" + name + "'");
    }

    @ParameterizedTest
    @CsvSource({"mysql/0, mysql, 0, mysql-0", "my-blog/12, my-blog, 12, my-blog-12"})
    void unitNamesRoundTripThroughTheirTextAndZnodeForms(String text, String service, int number, String key) {
        UnitName unit = UnitName.parse(text);

        assertThat(unit.service().value()).isEqualTo(service);
        assertThat(unit.number()).isEqualTo(number);
        assertThat(unit.key()).isEqualTo(key);
        assertThat(UnitName.fromKey(key)).isEqualTo(unit);
        assertThat(unit.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mysql/", "/0", "mysql/x", "mysql/-1", "MySQL/0", "db-1/0"})
    void refusesMalformedUnitNames(String text) {
        assertThatThrownBy(() -> UnitName.parse(text))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("invalid unit name '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "17, 17"})
    void machineIdsParseDecimal(String text, int value) {
        assertThat(MachineId.parse(text).value()).isEqualTo(value);
        assertThat(MachineId.parse(text).isBootstrap()).isEqualTo(value == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "one", "1.5"})
    void refusesMalformedMachineIds(String text) {
        assertThatThrownBy(() -> MachineId.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid machine id '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"3, 3", "db:3, 3", "cluster:0, 0"})
    void relationIdsParseWithOrWithoutTheirName(String text, int value) {
        RelationId id = RelationId.parse(text);
        assertThat(id.value()).isEqualTo(value);
        assertThat(id.hookId("db")).isEqualTo("db:" + value);
    }

    @ParameterizedTest
    @CsvSource({"pending, PENDING, false", "install-error, INSTALL_ERROR, true", "charm-upgrade-error, CHARM_UPGRADE_ERROR, true"})
    void unitAgentStatesUseTheOriginalsHyphenatedNames(String text, UnitAgentState state, boolean error) {
        assertThat(UnitAgentState.parse(text)).isEqualTo(state);
        assertThat(state.text()).isEqualTo(text);
        assertThat(state.isError()).isEqualTo(error);
    }
}
